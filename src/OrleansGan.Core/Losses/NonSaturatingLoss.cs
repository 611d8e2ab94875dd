using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace OrleansGan.Core.Losses;

/// <summary>The non-saturating heuristic, J_G = -1/2 E log D(G(z)) = 1/2 E softplus(-l).</summary>
public sealed class NonSaturatingLoss : CrossEntropyGame
{
    /// <inheritdoc />
    public override LossKind Kind => LossKind.NonSaturating;

    /// <inheritdoc />
    public override Tensor Generator(Tensor fakeLogits) => 0.5 * softplus(-fakeLogits).mean();
}
