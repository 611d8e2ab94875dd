using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Losses;
using static TorchSharp.torch;

namespace OrleansGan.Core.Stabilizers;

/// <summary>
/// J_D with every stabilizer that adds to it: the loss's cost as the class-label mode defines it, plus lambda times
/// WGAN-GP's penalty (Gulrajani et al. 2017, eq. 3) plus gamma/2 times R1 (Mescheder et al. 2018, eq. 9). Both
/// penalties differentiate the real/fake logit; a conditional D judges an interpolate with the real sample's class.
/// Written once, so that the discriminator player and the reference trainer differentiate the same cost.
/// </summary>
public static class StabilizedDiscriminatorCost
{
    /// <summary>
    /// J_D and D's raw outputs on the real and the fake minibatch. Differentiable in D's parameters and, where
    /// <paramref name="fake"/> requires grad, in the fakes.
    /// </summary>
    /// <param name="costs">The loss, with the class-label mode.</param>
    /// <param name="stabilizers">The game's stabilizers (gradient penalty and R1 are read here).</param>
    /// <param name="discriminator">D's raw output on samples with their classes (null for an unconditional D).</param>
    /// <param name="real">The real minibatch.</param>
    /// <param name="realLabels">Its classes.</param>
    /// <param name="mixing">WGAN-GP's eps, one per sample; null without a gradient penalty.</param>
    /// <param name="fake">The fake minibatch.</param>
    /// <param name="fakeLabels">Its classes, or null.</param>
    public static (Tensor Value, Tensor RealOutput, Tensor FakeOutput) Of(
        ClassLabelCosts costs, StabilizerSpec stabilizers, Func<Tensor, Tensor?, Tensor> discriminator,
        Tensor real, Tensor realLabels, Tensor? mixing, Tensor fake, Tensor? fakeLabels)
    {
        var r1 = stabilizers.R1;
        var realInput = r1 > 0 ? real.detach().requires_grad_(true) : real;
        var realOutput = discriminator(realInput, realLabels);
        var fakeOutput = discriminator(fake, fakeLabels);
        var cost = costs.Discriminator(realOutput, realLabels, fakeOutput);
        if (mixing is not null)
        {
            var critic = (Tensor input) => costs.Logit(discriminator(input, realLabels));
            cost = cost + (stabilizers.GradientPenalty * GradientPenalty.Of(critic, real, fake, mixing));
        }

        if (r1 > 0)
        {
            cost = cost + (r1 / 2 * R1Penalty.Of(realInput, costs.Logit(realOutput)));
        }

        return (cost, realOutput, fakeOutput);
    }
}
