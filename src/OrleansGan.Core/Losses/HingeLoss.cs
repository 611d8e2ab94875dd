using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace OrleansGan.Core.Losses;

/// <summary>
/// The hinge game (Lim and Ye 2017; Miyato et al. 2018): J_D = E max(0, 1 - D(x)) + E max(0, 1 + D(G(z))),
/// J_G = -E D(G(z)), D the raw output.
/// </summary>
public sealed class HingeLoss : GanLoss
{
    /// <inheritdoc />
    public override LossKind Kind => LossKind.Hinge;

    /// <inheritdoc />
    public override Tensor Discriminator(Tensor realLogits, Tensor fakeLogits) =>
        relu(1 - realLogits).mean() + relu(1 + fakeLogits).mean();

    /// <inheritdoc />
    public override Tensor Generator(Tensor fakeLogits) => -fakeLogits.mean();
}
