using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Core.Losses;

/// <summary>
/// Maximum-likelihood learning, J_G = -1/2 E exp(sigma^-1(D(G(z)))) = -1/2 E exp(l): the logit is sigma^-1(D)
/// itself, so no sigmoid is inverted numerically.
/// </summary>
public sealed class MaximumLikelihoodLoss : CrossEntropyGame
{
    /// <inheritdoc />
    public override LossKind Kind => LossKind.MaximumLikelihood;

    /// <inheritdoc />
    public override Tensor Generator(Tensor fakeLogits) => -0.5 * exp(fakeLogits).mean();
}
