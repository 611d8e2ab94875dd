using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace OrleansGan.Core.Losses;

/// <summary>
/// The zero-sum game, J_G = -J_D. Only the fake term depends on the generator, so J_G is reported as
/// 1/2 E log(1 - D(G(z))) = -1/2 E softplus(l): -J_D without its real-data term.
/// </summary>
public sealed class MinimaxLoss : CrossEntropyGame
{
    /// <inheritdoc />
    public override LossKind Kind => LossKind.Minimax;

    /// <inheritdoc />
    public override Tensor Generator(Tensor fakeLogits) => -0.5 * softplus(fakeLogits).mean();
}
