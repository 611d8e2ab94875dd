using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Core.Losses;

/// <summary>
/// The critic's linear costs, J_D = E D(G(z)) - E D(x) and J_G = -E D(G(z)), where D is the raw output (no sigmoid).
/// The Lipschitz constraint WGAN needs is a stabilizer, not part of the costs.
/// </summary>
public sealed class WassersteinLoss : GanLoss
{
    /// <inheritdoc />
    public override LossKind Kind => LossKind.Wasserstein;

    /// <inheritdoc />
    public override Tensor Discriminator(Tensor realLogits, Tensor fakeLogits) => fakeLogits.mean() - realLogits.mean();

    /// <inheritdoc />
    public override Tensor Generator(Tensor fakeLogits) => -fakeLogits.mean();
}
