using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using OrleansGan.Core.Stabilizers;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Losses;

/// <summary>EBGAN's costs (Zhao et al. 2016, eq. 1-2) and pulling-away term (eq. 6) against hand computations.</summary>
public class EnergyBasedLossTests
{
    private const double Margin = 1.5;
    private static readonly double[] Real = [0.05, 0.4, 1.1, 2.0];
    private static readonly double[] Fake = [0.2, 1.0, 1.6, 3.5, 0.9];

    public EnergyBasedLossTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void The_costs_are_the_mean_real_energy_plus_the_margin_hinge_on_fakes_and_the_mean_fake_energy()
    {
        using var scope = NewDisposeScope();
        var loss = GanLoss.For(LossKind.EnergyBased, margin: Margin);

        Assert.Equal(Real.Average() + Fake.Average(e => Math.Max(0, Margin - e)), loss.Discriminator(tensor(Real), tensor(Fake)).ToDouble(), 12);
        Assert.Equal(Fake.Average(), loss.Generator(tensor(Fake)).ToDouble(), 12);
    }

    [Fact]
    public void Fakes_above_the_margin_teach_the_discriminator_nothing_and_those_below_are_pushed_up()
    {
        using var scope = NewDisposeScope();
        var loss = GanLoss.For(LossKind.EnergyBased, margin: Margin);
        var fake = tensor(Fake, requires_grad: true);

        var gradient = autograd.grad([loss.Discriminator(tensor(Real), fake)], [fake])[0].data<double>().ToArray();

        for (var i = 0; i < Fake.Length; i++)
        {
            // d/dE max(0, m - E) / N: -1/N inside the margin, 0 beyond it.
            Assert.Equal(Fake[i] < Margin ? -1.0 / Fake.Length : 0, gradient[i], 12);
        }

        var allAbove = new[] { 1.6, 3.5 };
        Assert.Equal(Real.Average(), loss.Discriminator(tensor(Real), tensor(allAbove)).ToDouble(), 12);
    }

    [Fact]
    public void The_reported_score_is_the_mean_energy_not_a_sigmoid()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(Fake.Average(), GanLoss.For(LossKind.EnergyBased, margin: Margin).MeanScore(tensor(Fake)), 12);
        Assert.Equal(Fake.Average(e => 1 / (1 + Math.Exp(-e))), GanLoss.For(LossKind.Hinge).MeanScore(tensor(Fake)), 12);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void The_energy_based_loss_needs_a_positive_margin(double? margin)
    {
        Assert.ThrowsAny<ArgumentException>(() => GanLoss.For(LossKind.EnergyBased, margin: margin));
    }

    [Fact]
    public void The_pulling_away_term_is_the_mean_squared_cosine_of_distinct_codes()
    {
        using var scope = NewDisposeScope();

        // cos(S1, S2) = 0, cos(S1, S3) = cos(S2, S3) = 1/sqrt(2); 6 ordered pairs: (0 + 1/2 + 1/2) * 2 / 6 = 1/3.
        var codes = tensor(new double[] { 1, 0, 0, 3, 2, 2 }, [3, 2]);
        Assert.Equal(1.0 / 3, PullingAwayTerm.Of(codes).ToDouble(), 12);

        // Collapsed codes (all parallel) give the maximum, 1.
        Assert.Equal(1, PullingAwayTerm.Of(tensor(new double[] { 1, 1, 2, 2, -3, -3 }, [3, 2])).ToDouble(), 12);
        Assert.Throws<ArgumentException>(() => PullingAwayTerm.Of(tensor(new double[] { 1, 1 }, [1, 2])));
    }
}
