using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using static OrleansGan.Core.Tests.Spec.Specs;

namespace OrleansGan.Core.Tests.Spec;

/// <summary>Specs that read well but describe no playable game: each problem is reported as "field: what is wrong".</summary>
public class GameSpecValidatorTests
{
    /// <summary>Asserts that one of the problems concerns <paramref name="field"/> and mentions <paramref name="detail"/>.</summary>
    private static void AssertProblem(InvalidGameSpecException error, string field, string detail)
    {
        Assert.Contains(error.Problems, p => p.StartsWith(field + ": ", StringComparison.Ordinal) && p.Contains(detail));
        Assert.Contains(field + ": ", error.Message);
    }

    [Theory]
    [InlineData("protocol.discriminatorSteps", "0")]
    [InlineData("protocol.generatorSteps", "0")]
    [InlineData("protocol.discriminatorSteps", "-2")]
    [InlineData("rounds", "0")]
    [InlineData("batchSize", "0")]
    [InlineData("generator.latentSize", "0")]
    [InlineData("evaluation.every", "0")]
    [InlineData("evaluation.samples", "0")]
    [InlineData("evaluation.minSamplesPerMode", "0")]
    public void Counts_below_one_are_refused_naming_the_field_and_value(string field, string value)
    {
        AssertProblem(Refused((field, value)), field, $"(got {value})");
    }

    [Fact]
    public void The_field_switch_takes_a_count_of_evaluations_or_0_for_none()
    {
        AssertProblem(Refused(("evaluation.fieldEvery", "-1")), "evaluation.fieldEvery", "0 for no field (got -1)");
        Assert.Equal(1, GameSpecLoader.Load(null, []).Evaluation.FieldEvery);
        Assert.Equal(0, GameSpecLoader.Load(null, Overrides(("evaluation.fieldEvery", "0"))).Evaluation.FieldEvery);
        Assert.Equal(10, GameSpecLoader.Load(null, Overrides(("evaluation.fieldEvery", "10"))).Evaluation.FieldEvery);
    }

    [Fact]
    public void A_batch_over_a_million_samples_is_refused()
    {
        AssertProblem(Refused(("batchSize", "1048577")), "batchSize", "(got 1048577)");
        Assert.Equal(1 << 20, GameSpecLoader.Load(null, Overrides(("batchSize", "1048576"))).BatchSize);
    }

    [Theory]
    [InlineData("generator", "0")]
    [InlineData("generator", "-0.001")]
    [InlineData("discriminator", "0")]
    [InlineData("discriminator", "-0.001")]
    public void A_learning_rate_that_is_not_positive_is_refused(string player, string value)
    {
        AssertProblem(Refused(($"{player}.optimizer.learningRate", value)), $"{player}.optimizer.learningRate", $"(got {value})");
    }

    [Theory]
    [InlineData("beta1", "1")]
    [InlineData("beta1", "-0.1")]
    [InlineData("beta2", "1.5")]
    [InlineData("epsilon", "0")]
    [InlineData("momentum", "-0.5")]
    [InlineData("weightDecay", "-1")]
    public void Optimizer_settings_out_of_range_are_refused(string setting, string value)
    {
        var field = $"generator.optimizer.{setting}";
        AssertProblem(Refused((field, value)), field, $"(got {value})");
    }

    [Fact]
    public void Beta1_of_zero_is_allowed()
    {
        Assert.Equal(0, GameSpecLoader.Load(null, Overrides(("discriminator.optimizer.beta1", "0"))).Discriminator.Optimizer.Beta1);
    }

    [Fact]
    public void A_generator_whose_samples_the_discriminator_cannot_take_is_refused()
    {
        var error = Refused(("generator.outputSize", "3"));

        AssertProblem(error, "discriminator.inputSize", "does not match generator.outputSize 3");
        AssertProblem(error, "generator.outputSize", "(got 3)");
    }

    [Fact]
    public void Players_that_agree_with_each_other_but_not_with_the_data_are_refused()
    {
        var error = Refused(("generator.outputSize", "3"), ("discriminator.inputSize", "3"));

        AssertProblem(error, "generator.outputSize", "data dimension 2 (got 3)");
        AssertProblem(error, "discriminator.inputSize", "data dimension 2 (got 3)");
        Assert.DoesNotContain(error.Problems, p => p.Contains("does not match"));
    }

    [Theory]
    [InlineData("generator.device", "gpu0")]
    [InlineData("discriminator.device", "gpu0")]
    [InlineData("generator.device", "cuda:x")]
    [InlineData("discriminator.device", "cuda:-1")]
    public void An_unknown_device_is_refused_by_name(string field, string value)
    {
        AssertProblem(Refused((field, value)), field, $"'{value}'");
    }

    [Fact]
    public void A_well_formed_device_passes_validation_even_where_it_is_not_available()
    {
        // Validation is about the spec; whether this machine has the device is the players' concern.
        Assert.Equal("cuda:1", GameSpecLoader.Load(null, Overrides(("generator.device", "cuda:1"))).Generator.Device);
    }

    [Theory]
    [InlineData("runs/ring")]
    [InlineData("..\\ring")]
    [InlineData("ring 8")]
    [InlineData("\"\"")]
    public void A_name_that_is_not_a_safe_file_name_is_refused(string name)
    {
        AssertProblem(Refused(("name", name)), "name", "must be 1-64 letters");
    }

    [Fact]
    public void A_layer_without_units_is_refused_by_index()
    {
        AssertProblem(Refused(("generator.hidden", "[64,0,64]")), "generator.hidden[1]", "(got 0)");
    }

    [Fact]
    public void A_non_positive_quality_radius_is_refused()
    {
        AssertProblem(Refused(("evaluation.qualityStds", "0")), "evaluation.qualityStds", "(got 0)");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Refused(("rounds", "0"), ("batchSize", "0"), ("protocol.generatorSteps", "0"), ("generator.device", "gpu0"));

        Assert.Equal(4, error.Problems.Count);
        foreach (var field in new[] { "rounds", "batchSize", "protocol.generatorSteps", "generator.device" })
        {
            AssertProblem(error, field, string.Empty);
        }
    }

    [Fact]
    public void Undefined_enum_values_built_in_code_are_refused()
    {
        var spec = GameSpecLoader.Load(null);
        var bad = spec with { Loss = (LossKind)7, Protocol = spec.Protocol with { Kind = (ProtocolKind)9 } };

        var problems = GameSpecValidator.Problems(bad);

        Assert.Contains(problems, p => p.StartsWith("loss: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("protocol.kind: ", StringComparison.Ordinal));
        Assert.Throws<InvalidGameSpecException>(() => GameSpecValidator.ThrowIfInvalid(bad));
    }

    [Fact]
    public void ThrowIfInvalid_accepts_a_playable_spec()
    {
        GameSpecValidator.ThrowIfInvalid(GameSpecLoader.Load(null, Overrides(("data.kind", "grid25"), ("loss", "minimax"))));
    }
}
