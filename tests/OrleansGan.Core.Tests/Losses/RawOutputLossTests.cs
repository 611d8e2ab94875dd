using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Losses;

/// <summary>The games whose discriminator output is used raw (no sigmoid): each cost against its paper's formula.</summary>
public class RawOutputLossTests
{
    private static readonly double[] Real = [-2.5, -0.75, 0.0, 0.4, 1.3, 3.0];
    private static readonly double[] Fake = [-3.0, -1.1, -0.2, 0.6, 2.2];

    public RawOutputLossTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Least_squares_costs_are_mao_et_al_with_targets_zero_one_one()
    {
        using var scope = NewDisposeScope();
        var loss = GanLoss.For(LossKind.LeastSquares);
        Assert.Equal((0.5 * Real.Average(d => (d - 1) * (d - 1))) + (0.5 * Fake.Average(d => d * d)),
            loss.Discriminator(tensor(Real), tensor(Fake)).ToDouble(), 12);
        Assert.Equal(0.5 * Fake.Average(d => (d - 1) * (d - 1)), loss.Generator(tensor(Fake)).ToDouble(), 12);
    }

    [Fact]
    public void Hinge_costs_only_count_samples_inside_the_margin()
    {
        using var scope = NewDisposeScope();
        var loss = GanLoss.For(LossKind.Hinge);
        Assert.Equal(Real.Average(d => Math.Max(0, 1 - d)) + Fake.Average(d => Math.Max(0, 1 + d)),
            loss.Discriminator(tensor(Real), tensor(Fake)).ToDouble(), 12);
        Assert.Equal(-Fake.Average(), loss.Generator(tensor(Fake)).ToDouble(), 12);

        // A discriminator already beyond the margin on every sample has nothing left to learn from them.
        Assert.Equal(0, loss.Discriminator(tensor(new[] { 1.5, 2.0 }), tensor(new[] { -1.5, -3.0 })).ToDouble(), 12);
    }

    [Fact]
    public void Wasserstein_costs_are_the_critic_difference()
    {
        using var scope = NewDisposeScope();
        var loss = GanLoss.For(LossKind.Wasserstein);
        Assert.Equal(Fake.Average() - Real.Average(), loss.Discriminator(tensor(Real), tensor(Fake)).ToDouble(), 12);
        Assert.Equal(-Fake.Average(), loss.Generator(tensor(Fake)).ToDouble(), 12);
    }

    [Theory]
    [InlineData(LossKind.LeastSquares)]
    [InlineData(LossKind.Hinge)]
    [InlineData(LossKind.Wasserstein)]
    public void Every_raw_output_game_pushes_the_generator_towards_a_higher_score(LossKind kind)
    {
        using var scope = NewDisposeScope();
        var fake = tensor(new[] { -0.5, 0.2 }, requires_grad: true);
        var gradient = autograd.grad([GanLoss.For(kind).Generator(fake)], [fake])[0];
        Assert.All(gradient.data<double>().ToArray(), g => Assert.True(g < 0, $"{kind}: dJ_G/dD = {g}"));
    }
}
