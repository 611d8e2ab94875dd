using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Losses;

/// <summary>
/// Where the discriminator is certain (logits of +-100, D within e^-100 of 0 or 1) the naive log D and log(1 - D)
/// overflow; the costs, written on logits, must stay finite and keep finite gradients.
/// </summary>
public class GanLossSaturationTests
{
    public GanLossSaturationTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<ScalarType> Precisions() => [ScalarType.Float32, ScalarType.Float64];

    public static TheoryData<LossKind, ScalarType> KindsAndPrecisions()
    {
        var data = new TheoryData<LossKind, ScalarType>();
        foreach (var kind in new[] { LossKind.Minimax, LossKind.NonSaturating, LossKind.MaximumLikelihood })
        {
            data.Add(kind, ScalarType.Float32);
            data.Add(kind, ScalarType.Float64);
        }

        return data;
    }

    private static Tensor Logits(ScalarType dtype, params double[] values) => tensor(values).to(dtype).requires_grad_(true);

    [Theory]
    [MemberData(nameof(Precisions))]
    public void The_naive_formula_really_overflows_at_these_logits(ScalarType dtype)
    {
        // Guards the premise of this class: without the logit form, 1 - D(100) rounds to 0 and its log to -inf.
        using var scope = NewDisposeScope();
        var naive = log(1 - sigmoid(tensor(100.0).to(dtype)));
        Assert.True(double.IsNegativeInfinity(naive.ToDouble()));
    }

    [Theory]
    [MemberData(nameof(KindsAndPrecisions))]
    public void Discriminator_cost_and_gradients_stay_finite_when_D_is_certain(LossKind kind, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var loss = GanLoss.For(kind);

        // D certain and wrong about both minibatches: -log sigma(-100) = log(1 - sigma(100)) = 100 (to e^-100).
        var real = Logits(dtype, -100, -100);
        var fake = Logits(dtype, 100, 100);
        var wrong = loss.Discriminator(real, fake);
        var grads = autograd.grad([wrong], [real, fake]);
        Assert.Equal(100.0, wrong.ToDouble(), 1e-4);
        Assert.All(grads, g => Assert.True(isfinite(g).all().ToBoolean()));

        // D certain and right: the cost is e^-100, which is 0 in any float.
        var right = loss.Discriminator(Logits(dtype, 100, 100), Logits(dtype, -100, -100));
        Assert.Equal(0.0, right.ToDouble(), 1e-12);
    }

    [Theory]
    [InlineData(LossKind.Minimax, ScalarType.Float32)]
    [InlineData(LossKind.Minimax, ScalarType.Float64)]
    [InlineData(LossKind.NonSaturating, ScalarType.Float32)]
    [InlineData(LossKind.NonSaturating, ScalarType.Float64)]
    public void Generator_cost_and_gradient_stay_finite_at_both_extremes(LossKind kind, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var fake = Logits(dtype, -100, 100);
        var cost = GanLoss.For(kind).Generator(fake);
        var gradient = autograd.grad([cost], [fake])[0];

        Assert.True(double.IsFinite(cost.ToDouble()), $"J_G = {cost.ToDouble()}");
        Assert.True(isfinite(gradient).all().ToBoolean(), "dJ_G/dlogit is not finite");

        // One of the two samples has D = 0 and the other D = 1: minimax J_G = 1/2 * 1/2 * (0 - 100),
        // non-saturating J_G = -1/2 * 1/2 * (-100 + 0).
        Assert.Equal(kind == LossKind.Minimax ? -25.0 : 25.0, cost.ToDouble(), 1e-4);
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void Maximum_likelihood_generator_cost_stays_finite_when_D_is_certain_the_sample_is_fake(ScalarType dtype)
    {
        // exp(sigma^-1(D)) = D / (1 - D) is 0 at D = 0; it overflows only where D = 1, which the tutorial notes.
        using var scope = NewDisposeScope();
        var fake = Logits(dtype, -100, -100);
        var cost = GanLoss.For(LossKind.MaximumLikelihood).Generator(fake);
        var gradient = autograd.grad([cost], [fake])[0];

        Assert.Equal(0.0, cost.ToDouble(), 1e-12);
        Assert.True(isfinite(gradient).all().ToBoolean());
    }
}
