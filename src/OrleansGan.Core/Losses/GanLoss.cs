using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Core.Losses;

/// <summary>
/// The two costs of the game, J_D and J_G, as functions of the discriminator's logits sigma^-1(D(x)).
/// Working from logits keeps log D and log(1 - D) finite where D saturates.
/// </summary>
public abstract class GanLoss
{
    /// <summary>The kind this loss implements.</summary>
    public abstract LossKind Kind { get; }

    /// <summary>J_D: the discriminator's cost on logits of a real and a fake minibatch.</summary>
    public abstract Tensor Discriminator(Tensor realLogits, Tensor fakeLogits);

    /// <summary>J_G as far as it depends on the generator: its cost on the logits of a fake minibatch.</summary>
    public abstract Tensor Generator(Tensor fakeLogits);

    /// <summary>
    /// What a round reports as the mean score of a minibatch: sigma(logit), the probability D assigns to "real", for
    /// every game whose output is a logit; games whose output is something else (an energy) override it.
    /// </summary>
    public virtual double MeanScore(Tensor logits) => sigmoid(logits.detach()).mean().ToDouble();

    /// <summary>
    /// The loss a spec names, with the real-sample target of one-sided label smoothing (cross-entropy games) and the
    /// margin of the energy-based game.
    /// </summary>
    public static GanLoss For(LossKind kind, double realLabel = 1, double? margin = null) => kind switch
    {
        LossKind.Minimax => new MinimaxLoss { RealLabel = realLabel },
        LossKind.NonSaturating => new NonSaturatingLoss { RealLabel = realLabel },
        LossKind.MaximumLikelihood => new MaximumLikelihoodLoss { RealLabel = realLabel },
        _ when realLabel != 1 => throw new ArgumentException($"label smoothing applies to cross-entropy losses, not {kind}", nameof(realLabel)),
        LossKind.Wasserstein => new WassersteinLoss(),
        LossKind.LeastSquares => new LeastSquaresLoss(),
        LossKind.Hinge => new HingeLoss(),
        LossKind.EnergyBased => new EnergyBasedLoss(margin ?? throw new ArgumentException("the energy-based loss needs a margin", nameof(margin))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
    };
}
