using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace OrleansGan.Core.Losses;

/// <summary>
/// The energy-based game (EBGAN, Zhao et al. 2016, eq. 1-2): the discriminator's output is an energy D(x) >= 0 (the
/// autoencoder's reconstruction error), low on real samples; with margin m,
/// J_D = E D(x) + E max(0, m - D(G(z))) and J_G = E D(G(z)). Fakes already above the margin teach D nothing.
/// </summary>
public sealed class EnergyBasedLoss : GanLoss
{
    /// <summary>A game with margin <paramref name="margin"/> (positive).</summary>
    public EnergyBasedLoss(double margin)
    {
        if (!(double.IsFinite(margin) && margin > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "the energy-based loss needs a positive margin");
        }

        Margin = margin;
    }

    /// <summary>The margin m.</summary>
    public double Margin { get; }

    /// <inheritdoc />
    public override LossKind Kind => LossKind.EnergyBased;

    /// <inheritdoc />
    public override Tensor Discriminator(Tensor realLogits, Tensor fakeLogits) =>
        realLogits.mean() + relu(Margin - fakeLogits).mean();

    /// <inheritdoc />
    public override Tensor Generator(Tensor fakeLogits) => fakeLogits.mean();

    /// <summary>The mean energy itself: a sigmoid of an energy would mean nothing.</summary>
    public override double MeanScore(Tensor logits) => logits.detach().mean().ToDouble();
}
