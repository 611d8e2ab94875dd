using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using OrleansGan.Core.Players;
using OrleansGan.Core.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Losses;

/// <summary>One-sided label smoothing: the real target becomes s, the fake target stays 0, and D learns D(x) = s.</summary>
public class LabelSmoothingTests
{
    private static readonly double[] Real = [-2.5, -0.75, 0.0, 0.4, 1.3, 3.0];
    private static readonly double[] Fake = [-3.0, -1.1, -0.2, 0.6, 2.2];

    public LabelSmoothingTests() => TorchRuntime.EnsureLoaded();

    private static double Sigmoid(double l) => 1 / (1 + Math.Exp(-l));

    [Fact]
    public void Smoothed_cross_entropy_targets_s_for_real_and_zero_for_fake()
    {
        const double s = 0.9;
        var expected = (-0.5 * Real.Average(l => (s * Math.Log(Sigmoid(l))) + ((1 - s) * Math.Log(1 - Sigmoid(l)))))
            - (0.5 * Fake.Average(l => Math.Log(1 - Sigmoid(l))));
        using var scope = NewDisposeScope();
        Assert.Equal(expected, GanLoss.For(LossKind.NonSaturating, s).Discriminator(tensor(Real), tensor(Fake)).ToDouble(), 12);

        // The generator's cost is untouched.
        Assert.Equal(GanLoss.For(LossKind.NonSaturating).Generator(tensor(Fake)).ToDouble(),
            GanLoss.For(LossKind.NonSaturating, s).Generator(tensor(Fake)).ToDouble(), 12);
    }

    [Theory]
    [InlineData(1.0, 0.97, 1.0)]
    [InlineData(0.9, 0.86, 0.94)]
    public void A_discriminator_trained_with_smoothing_learns_to_say_s_on_real_data(double realLabel, double low, double high)
    {
        var spec = GameSpecLoader.Load(null);
        var setup = new DiscriminatorSetup(spec.Discriminator with { Hidden = [32, 32] }, 3, spec.Data, LossKind.NonSaturating, 128,
            new StabilizerSpec(realLabel));
        using var player = new DiscriminatorPlayer(setup);
        using var scope = NewDisposeScope();
        var fake = full(128, 2, 8.0f);
        for (var step = 0; step < 400; step++)
        {
            player.Update(fake, UpdateRule.Plain);
        }

        var score = player.Evaluate(fake, 11).MeanRealScore;
        Assert.InRange(score, low, high);
    }

    [Fact]
    public void Smoothing_is_refused_for_losses_without_a_cross_entropy()
    {
        var error = Assert.Throws<InvalidGameSpecException>(() => GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["loss"] = "hinge", ["stabilizers.realLabel"] = "0.9",
        }));
        Assert.Contains("stabilizers.realLabel: label smoothing applies to the cross-entropy losses, not Hinge", error.Message);
        Assert.Contains("stabilizers.realLabel: must be in (0, 1]", Assert.Throws<InvalidGameSpecException>(() =>
            GameSpecLoader.Load(null, new Dictionary<string, string> { ["stabilizers.realLabel"] = "1.5" })).Message);
        Assert.Throws<ArgumentException>(() => GanLoss.For(LossKind.Hinge, 0.9));
    }
}
