using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Losses;

/// <summary>
/// Each cost against the formula of Goodfellow's tutorial (section 3.2), written naively with sigmoid and log in
/// float64: fine for moderate logits, where nothing saturates.
/// </summary>
public class GanLossFormulaTests
{
    private static readonly double[] RealLogits = [-2.5, -0.75, 0.0, 0.4, 1.3, 3.0];
    private static readonly double[] FakeLogits = [-3.0, -1.1, -0.2, 0.6, 2.2];

    public GanLossFormulaTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<LossKind> AllKinds() => [LossKind.Minimax, LossKind.NonSaturating, LossKind.MaximumLikelihood];

    private static double Sigmoid(double logit) => 1 / (1 + Math.Exp(-logit));

    private static double Cost(Tensor cost)
    {
        Assert.Equal(0, cost.ndim);
        return cost.ToDouble();
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void For_returns_a_loss_of_the_requested_kind(LossKind kind)
    {
        Assert.Equal(kind, GanLoss.For(kind).Kind);
    }

    [Fact]
    public void For_refuses_an_undefined_kind()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GanLoss.For((LossKind)42));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Discriminator_cost_is_the_cross_entropy_of_the_tutorial(LossKind kind)
    {
        // J_D = -1/2 E_x log D(x) - 1/2 E_z log(1 - D(G(z))), the same for all three games.
        var expected = (-0.5 * RealLogits.Average(l => Math.Log(Sigmoid(l))))
            - (0.5 * FakeLogits.Average(l => Math.Log(1 - Sigmoid(l))));

        using var scope = NewDisposeScope();
        var actual = Cost(GanLoss.For(kind).Discriminator(tensor(RealLogits), tensor(FakeLogits)));

        Assert.Equal(expected, actual, 1e-12);
    }

    [Fact]
    public void Minimax_generator_cost_is_half_the_mean_log_of_one_minus_D()
    {
        // J_G = -J_D, of which only 1/2 E log(1 - D(G(z))) depends on the generator.
        var expected = 0.5 * FakeLogits.Average(l => Math.Log(1 - Sigmoid(l)));

        using var scope = NewDisposeScope();
        var actual = Cost(GanLoss.For(LossKind.Minimax).Generator(tensor(FakeLogits)));

        Assert.Equal(expected, actual, 1e-12);
    }

    [Fact]
    public void Minimax_generator_cost_plus_discriminator_cost_does_not_depend_on_the_fakes()
    {
        // Zero-sum: J_D + J_G is the real-data term alone, -1/2 E log D(x), whatever the generator proposes.
        var loss = GanLoss.For(LossKind.Minimax);
        var realTerm = -0.5 * RealLogits.Average(l => Math.Log(Sigmoid(l)));

        using var scope = NewDisposeScope();
        foreach (var fakes in new[] { FakeLogits, [4.0, -4.0], [0.1] })
        {
            var sum = Cost(loss.Discriminator(tensor(RealLogits), tensor(fakes))) + Cost(loss.Generator(tensor(fakes)));
            Assert.Equal(realTerm, sum, 1e-12);
        }
    }

    [Fact]
    public void Non_saturating_generator_cost_is_minus_half_the_mean_log_D()
    {
        var expected = -0.5 * FakeLogits.Average(l => Math.Log(Sigmoid(l)));

        using var scope = NewDisposeScope();
        var actual = Cost(GanLoss.For(LossKind.NonSaturating).Generator(tensor(FakeLogits)));

        Assert.Equal(expected, actual, 1e-12);
    }

    [Fact]
    public void Maximum_likelihood_generator_cost_is_minus_half_the_mean_exp_of_the_inverse_sigmoid_of_D()
    {
        // sigma^-1(D) = log(D / (1 - D)), computed from D itself rather than taken from the logit.
        var expected = -0.5 * FakeLogits.Select(Sigmoid).Average(d => Math.Exp(Math.Log(d / (1 - d))));

        using var scope = NewDisposeScope();
        var actual = Cost(GanLoss.For(LossKind.MaximumLikelihood).Generator(tensor(FakeLogits)));

        Assert.Equal(expected, actual, 1e-12);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Float32_logits_give_the_float64_costs_to_float32_precision(LossKind kind)
    {
        var loss = GanLoss.For(kind);
        using var scope = NewDisposeScope();
        var real64 = tensor(RealLogits);
        var fake64 = tensor(FakeLogits);

        Assert.Equal(Cost(loss.Discriminator(real64, fake64)), Cost(loss.Discriminator(real64.to(float32), fake64.to(float32))), 1e-5);
        Assert.Equal(Cost(loss.Generator(fake64)), Cost(loss.Generator(fake64.to(float32))), 1e-5);
    }
}
