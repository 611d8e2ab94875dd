using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Losses;

/// <summary>
/// dJ_G/dlogit, the signal the generator receives, against the tutorial's account of the three costs (section 3.2.3,
/// figure 16): the minimax cost saturates when D rejects the fakes, the non-saturating one does not, and maximum
/// likelihood draws nearly all of its gradient from the few samples D already believes.
/// </summary>
public class GeneratorCostGradientTests
{
    public GeneratorCostGradientTests() => TorchRuntime.EnsureLoaded();

    private static double Sigmoid(double logit) => 1 / (1 + Math.Exp(-logit));

    /// <summary>dJ_G/dl for each logit of a float64 minibatch.</summary>
    private static double[] Gradient(LossKind kind, params double[] logits)
    {
        using var scope = NewDisposeScope();
        var l = tensor(logits).requires_grad_(true);
        var cost = GanLoss.For(kind).Generator(l);
        return autograd.grad([cost], [l])[0].data<double>().ToArray();
    }

    private static double GradientAt(LossKind kind, double logit) => Gradient(kind, logit)[0];

    [Theory]
    [InlineData(LossKind.Minimax)]
    [InlineData(LossKind.NonSaturating)]
    [InlineData(LossKind.MaximumLikelihood)]
    public void Every_cost_asks_the_generator_to_raise_D(LossKind kind)
    {
        foreach (var logit in new[] { -8.0, -2.0, 0.0, 2.0, 8.0 })
        {
            Assert.True(GradientAt(kind, logit) < 0, $"{kind}: dJ_G/dl at l = {logit} should be negative");
        }
    }

    [Fact]
    public void Gradients_match_the_derivatives_of_the_textbook_costs_per_sample()
    {
        // With D = sigma(l) and a mean over n samples, d/dl of:
        //   1/2 log(1 - D) = -D/2,   -1/2 log D = -(1 - D)/2,   -1/2 D/(1 - D) = -D/(2 (1 - D)^2) * D (1 - D) = -D/(2 (1 - D)).
        double[] logits = [-3.0, -0.5, 0.0, 1.0, 2.5];
        var n = logits.Length;
        var d = logits.Select(Sigmoid).ToArray();

        var minimax = Gradient(LossKind.Minimax, logits);
        var nonSaturating = Gradient(LossKind.NonSaturating, logits);
        var likelihood = Gradient(LossKind.MaximumLikelihood, logits);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(-d[i] / 2 / n, minimax[i], 1e-12);
            Assert.Equal(-(1 - d[i]) / 2 / n, nonSaturating[i], 1e-12);
            Assert.Equal(-d[i] / (2 * (1 - d[i])) / n, likelihood[i], 1e-12);
        }
    }

    [Theory]
    [InlineData(-15.0)]
    [InlineData(-100.0)]
    public void When_D_rejects_the_fakes_the_minimax_gradient_vanishes_and_the_non_saturating_one_does_not(double logit)
    {
        // D(G(z)) = sigma(logit) is below 1e-6: early in training, when the generator is poor.
        Assert.True(Math.Abs(GradientAt(LossKind.Minimax, logit)) < 1e-6);
        Assert.True(Math.Abs(GradientAt(LossKind.MaximumLikelihood, logit)) < 1e-6);
        Assert.Equal(-0.5, GradientAt(LossKind.NonSaturating, logit), 1e-6);
    }

    [Fact]
    public void When_D_accepts_the_fakes_the_non_saturating_gradient_vanishes_and_maximum_likelihood_dominates()
    {
        const double Accepted = 15.0;
        Assert.True(Math.Abs(GradientAt(LossKind.NonSaturating, Accepted)) < 1e-6);
        Assert.Equal(-0.5, GradientAt(LossKind.Minimax, Accepted), 1e-6);
        Assert.True(Math.Abs(GradientAt(LossKind.MaximumLikelihood, Accepted)) > 1e5);
    }

    [Fact]
    public void Maximum_likelihood_takes_most_of_its_gradient_from_the_samples_D_believes_most()
    {
        // Ten samples, one of them with D(G(z)) = 0.99: that one carries over 90% of the gradient's size.
        var logits = Enumerable.Repeat(-1.0, 9).Append(Math.Log(0.99 / 0.01)).ToArray();
        var gradient = Gradient(LossKind.MaximumLikelihood, logits).Select(Math.Abs).ToArray();
        Assert.True(gradient[^1] / gradient.Sum() > 0.9, $"share of the believed sample: {gradient[^1] / gradient.Sum():F3}");

        // The non-saturating cost spreads it the other way: the believed sample carries under 1%.
        var spread = Gradient(LossKind.NonSaturating, logits).Select(Math.Abs).ToArray();
        Assert.True(spread[^1] / spread.Sum() < 0.01);
    }
}
