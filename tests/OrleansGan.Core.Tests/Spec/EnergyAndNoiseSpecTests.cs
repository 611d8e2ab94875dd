using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using static OrleansGan.Core.Tests.Spec.Specs;

namespace OrleansGan.Core.Tests.Spec;

/// <summary>The EBGAN fields (discriminator.margin, the autoencoder network, stabilizers.pullAway) and instance noise.</summary>
public class EnergyAndNoiseSpecTests
{
    private static readonly (string, string)[] Ebgan =
    [
        ("loss", "energy-based"), ("discriminator.network", "autoencoder"), ("discriminator.margin", "1.5"),
    ];

    private static void AssertProblem(InvalidGameSpecException error, string field, string detail) =>
        Assert.True(
            error.Problems.Any(p => p.StartsWith(field + ": ", StringComparison.Ordinal) && p.Contains(detail, StringComparison.Ordinal)),
            $"no problem '{field}: ...{detail}...' in: {string.Join(" | ", error.Problems)}");

    private static (string, string)[] With(params (string, string)[] more) => [.. Ebgan.Where(e => more.All(m => m.Item1 != e.Item1)), .. more];

    [Fact]
    public void The_defaults_have_no_margin_no_instance_noise_and_no_pulling_away()
    {
        var spec = GameSpecLoader.Load(null);
        Assert.Null(spec.Discriminator.Margin);
        Assert.Equal(new InstanceNoiseSpec(0, 0), spec.Stabilizers.InstanceNoise);
        Assert.Equal(0, spec.Stabilizers.PullAway);
    }

    [Fact]
    public void An_energy_based_game_with_the_autoencoder_and_a_margin_loads()
    {
        var spec = GameSpecLoader.Load(null, Overrides(With(("stabilizers.pullAway", "0.1"))));
        Assert.Equal(LossKind.EnergyBased, spec.Loss);
        Assert.Equal(DiscriminatorNetwork.Autoencoder, spec.Discriminator.Network);
        Assert.Equal(1.5, spec.Discriminator.Margin);
        Assert.Equal(0.1, spec.Stabilizers.PullAway);
    }

    [Fact]
    public void The_energy_based_loss_without_a_margin_is_refused()
    {
        AssertProblem(Refused(("loss", "energy-based"), ("discriminator.network", "autoencoder")), "discriminator.margin", "(got none)");
    }

    [Theory]
    [InlineData("0", "(got 0)")]
    [InlineData("-2", "(got -2)")]
    public void The_energy_based_loss_needs_a_positive_margin(string margin, string shown)
    {
        AssertProblem(Refused(With(("discriminator.margin", margin))), "discriminator.margin", shown);
    }

    [Fact]
    public void A_margin_without_the_energy_based_loss_is_refused()
    {
        AssertProblem(Refused(("discriminator.margin", "1")), "discriminator.margin", "only the energy-based loss");
    }

    [Fact]
    public void The_energy_based_loss_with_a_logit_network_is_refused()
    {
        AssertProblem(Refused(With(("discriminator.network", "mlp"))), "discriminator.network", "(got mlp)");
    }

    [Theory]
    [InlineData("non-saturating")]
    [InlineData("wasserstein")]
    public void The_autoencoder_with_a_logit_loss_is_refused(string loss)
    {
        AssertProblem(Refused(("discriminator.network", "autoencoder"), ("loss", loss)), "discriminator.network", $"(got loss {loss})");
    }

    [Fact]
    public void The_autoencoder_needs_a_code_and_no_output_scale()
    {
        AssertProblem(Refused(With(("discriminator.hidden", "[]"))), "discriminator.hidden", "its code");
        AssertProblem(Refused(With(("discriminator.outputScale", "2"))), "discriminator.outputScale", "(got 2)");
    }

    [Fact]
    public void The_autoencoder_reads_no_class_labels()
    {
        AssertProblem(Refused(With(("stabilizers.classLabels", "conditional"))), "stabilizers.classLabels", "(got conditional)");
    }

    [Fact]
    public void The_autoencoder_counts_its_encoder_and_mirrored_decoder_parameters()
    {
        var spec = GameSpecLoader.Load(null, Overrides(With(("discriminator.hidden", "[8, 3]"), ("generator.hidden", "[]"))));

        // Encoder 2-8-3 and decoder 3-8-2: (16 + 8) + (24 + 3) + (24 + 8) + (16 + 2); the generator 4-2: 8 + 2.
        Assert.Equal(101 + 10, GameSpecValidator.ParameterCount(spec));
    }

    [Fact]
    public void A_negative_pulling_away_weight_is_refused()
    {
        AssertProblem(Refused(With(("stabilizers.pullAway", "-0.1"))), "stabilizers.pullAway", "(got -0.1)");
    }

    [Fact]
    public void The_pulling_away_term_needs_the_energy_based_game_and_two_samples()
    {
        AssertProblem(Refused(("stabilizers.pullAway", "0.1")), "stabilizers.pullAway", "energy-based");
        AssertProblem(Refused(With(("stabilizers.pullAway", "0.1"), ("batchSize", "1"))), "stabilizers.pullAway", "(got 1)");
    }

    [Fact]
    public void Instance_noise_loads_from_its_fields()
    {
        var spec = GameSpecLoader.Load(null, Overrides(("stabilizers.instanceNoise.sigma0", "0.2"), ("stabilizers.instanceNoise.annealRounds", "1000")));
        Assert.Equal(new InstanceNoiseSpec(0.2, 1000), spec.Stabilizers.InstanceNoise);
    }

    [Fact]
    public void A_negative_noise_std_is_refused_naming_the_field()
    {
        AssertProblem(Refused(("stabilizers.instanceNoise.sigma0", "-0.1")), "stabilizers.instanceNoise.sigma0", "(got -0.1)");
    }

    [Fact]
    public void A_negative_number_of_annealing_rounds_is_refused_naming_the_field()
    {
        AssertProblem(Refused(("stabilizers.instanceNoise.annealRounds", "-5")), "stabilizers.instanceNoise.annealRounds", "(got -5)");
    }
}
