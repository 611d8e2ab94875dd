using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using static OrleansGan.Core.Tests.Spec.Specs;

namespace OrleansGan.Core.Tests.Spec;

/// <summary>The WGAN toolbox's settings (weight clip, gradient penalty, R1, RMSprop's alpha): bad values are refused by field.</summary>
public class CriticConstraintValidatorTests
{
    private static void AssertProblem(InvalidGameSpecException error, string field, string detail) =>
        Assert.Contains(error.Problems, p => p.StartsWith(field + ": ", StringComparison.Ordinal) && p.Contains(detail));

    [Theory]
    [InlineData("stabilizers.gradientPenalty", "-1")]
    [InlineData("stabilizers.gradientPenalty", "-0.001")]
    [InlineData("stabilizers.r1", "-10")]
    public void A_negative_penalty_weight_is_refused_naming_the_field(string field, string value)
    {
        AssertProblem(Refused((field, value)), field, "must be >= 0");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    public void A_weight_clip_that_is_not_a_positive_number_is_refused(string value)
    {
        AssertProblem(Refused(("discriminator.weightClip", value)), "discriminator.weightClip", "c must be positive");
    }

    [Theory]
    [InlineData("generator", "0")]
    [InlineData("generator", "1")]
    [InlineData("discriminator", "1.5")]
    [InlineData("discriminator", "-0.5")]
    public void An_rmsprop_alpha_outside_zero_one_is_refused(string player, string value)
    {
        var field = $"{player}.optimizer.alpha";
        AssertProblem(Refused(($"{player}.optimizer.kind", "rmsprop"), (field, value)), field, $"(got {value})");
    }

    [Fact]
    public void The_wgan_settings_load_from_a_spec_and_are_off_by_default()
    {
        var defaults = GameSpecLoader.Load(null);
        Assert.Null(defaults.Discriminator.WeightClip);
        Assert.Equal(0, defaults.Stabilizers.GradientPenalty);
        Assert.Equal(0, defaults.Stabilizers.R1);

        var wgan = GameSpecLoader.Load(null, Overrides(
            ("loss", "wasserstein"), ("discriminator.weightClip", "0.01"), ("discriminator.optimizer.kind", "rmsprop"),
            ("stabilizers.gradientPenalty", "10"), ("stabilizers.r1", "5")));
        Assert.Equal(0.01, wgan.Discriminator.WeightClip);
        Assert.Equal(OptimizerKind.Rmsprop, wgan.Discriminator.Optimizer.Kind);
        Assert.Equal(10, wgan.Stabilizers.GradientPenalty);
        Assert.Equal(5, wgan.Stabilizers.R1);
    }

    [Theory]
    [InlineData("non-saturating")]
    [InlineData("minimax")]
    [InlineData("maximum-likelihood")]
    [InlineData("wasserstein")]
    [InlineData("least-squares")]
    [InlineData("hinge")]
    public void Penalties_and_clipping_are_allowed_with_every_loss(string loss)
    {
        var spec = GameSpecLoader.Load(null, Overrides(
            ("loss", loss), ("discriminator.weightClip", "0.1"), ("stabilizers.gradientPenalty", "10"), ("stabilizers.r1", "10")));
        Assert.Empty(GameSpecValidator.Problems(spec));
    }
}
