using OrleansGan.Core.Spec;
using OrleansGan.Core.Tests.Spec;
using static OrleansGan.Core.Tests.Spec.Specs;

namespace OrleansGan.Core.Tests.BadInput;

/// <summary>
/// A value of the wrong kind is refused naming its field and what the field expects, in a file and through --set
/// alike (before, System.Text.Json named the section's record type: "could not be converted to OptimizerSpec").
/// </summary>
public sealed class SpecValueBadInputTests : IDisposable
{
    private readonly SpecFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string, string> WrongKinds => new()
    {
        // Numbers that are not finite, or too large for any float.
        { "generator.optimizer.learningRate", "NaN", "generator.optimizer.learningRate: must be a finite number (got 'NaN')" },
        { "generator.optimizer.learningRate", "Infinity", "must be a finite number (got 'Infinity')" },
        { "discriminator.optimizer.beta1", "1e400", "discriminator.optimizer.beta1: must be a finite number (got '1e400')" },
        { "evaluation.qualityStds", ".inf", "evaluation.qualityStds: must be a finite number (got '.inf')" },
        { "stabilizers.instanceNoise.sigma0", "-.nan", "stabilizers.instanceNoise.sigma0: must be a finite number" },

        // A fraction, text, a list or a mapping where a whole number is due; whole numbers out of range.
        { "batchSize", "12.5", "batchSize: must be a whole number (got 12.5)" },
        { "rounds", "many", "rounds: must be a whole number (got 'many')" },
        { "rounds", "[1]", "rounds: must be a whole number (got a list)" },
        { "checkpoint.every", "{a: 1}", "checkpoint.every: must be a whole number (got a mapping)" },
        { "rounds", "99999999999", "rounds: must be a whole number from -2147483648 to 2147483647 (got 99999999999)" },
        { "seed", "-1", "seed: must be a whole number from 0 to 18446744073709551615 (got -1)" },
        { "seed", "18446744073709551616", "seed: must be a whole number" },
        { "generator.hidden", "[64, 1.5]", "generator.hidden[1]: must be a whole number (got 1.5)" },
        { "generator.hidden", "[64, null]", "generator.hidden[1]: must be a whole number, not null" },
        { "generator.hidden", "64", "generator.hidden: must be a list of whole numbers (got 64)" },

        // Text, choices, flags and sections of the wrong kind.
        { "name", "[a]", "name: must be text (got a list)" },
        { "generator.device", "0", "generator.device: must be text (got 0); quote it for text: '0'" },
        { "loss", "3", "loss: '3' is not one of: minimax, non-saturating" },
        { "evaluation.trackParameters", "yes", "evaluation.trackParameters: must be true or false (got 'yes')" },
        { "stabilizers.instanceNoise", "0.1", "stabilizers.instanceNoise: is a section" },
        { "generator.hidden", "null", "generator.hidden: must be a list of whole numbers, not null" },
        { "discriminator.minibatchFeatures", "{kernels: 3, size: 4}", "discriminator.minibatchFeatures: no such field 'size'" },
    };

    [Theory]
    [MemberData(nameof(WrongKinds))]
    public void A_value_of_the_wrong_kind_is_refused_naming_the_field_and_the_kind(string field, string value, string message)
    {
        Assert.Contains(message, Refused((field, value)).Message);
        Assert.DoesNotContain("OrleansGan.Abstractions", Refused((field, value)).Message);
    }

    [Theory]
    [MemberData(nameof(WrongKinds))]
    public void The_same_values_in_a_file_are_refused_the_same_way(string field, string value, string message)
    {
        if (message.Contains("is a section", StringComparison.Ordinal))
        {
            message = "stabilizers.instanceNoise: must be a section of fields (got 0.1)";
        }

        var parts = field.Split('.');
        var text = string.Concat(parts[..^1].Select((p, i) => new string(' ', 2 * i) + p + ":\n")) + new string(' ', 2 * (parts.Length - 1)) + $"{parts[^1]}: {value}\n";
        var error = RefusedFile(_folder.Write("kind.yaml", text));
        Assert.Contains(message, error.Message);
        Assert.DoesNotContain("OrleansGan.Abstractions", error.Message);
    }

    [Fact]
    public void Every_problem_is_named_not_only_the_first()
    {
        var error = RefusedFile(_folder.Write("many.yaml", "rounds: 1.5\nbatchSize: lots\ngenerator:\n  optimizer:\n    learningRate: NaN\n"));
        Assert.Contains("rounds: must be a whole number (got 1.5)", error.Message);
        Assert.Contains("batchSize: must be a whole number (got 'lots')", error.Message);
        Assert.Contains("generator.optimizer.learningRate: must be a finite number (got 'NaN')", error.Message);
    }

    [Fact]
    public void A_partial_section_through_set_keeps_the_other_fields_defaults()
    {
        var defaults = GameSpecLoader.Load(null);
        var spec = GameSpecLoader.Load(null, Overrides(("generator.optimizer", "{learningRate: 0.01}"), ("stabilizers", "{r1: 10}")));
        Assert.Equal(0.01, spec.Generator.Optimizer.LearningRate);
        Assert.Equal(defaults.Generator.Optimizer with { LearningRate = 0.01 }, spec.Generator.Optimizer);
        Assert.Equal(10, spec.Stabilizers.R1);
        Assert.Equal(defaults.Stabilizers.InstanceNoise, spec.Stabilizers.InstanceNoise);
    }

    [Theory]
    [InlineData("generator..optimizer")]
    [InlineData(".rounds")]
    [InlineData("rounds.")]
    public void A_field_path_with_an_empty_part_is_refused(string field)
    {
        Assert.Contains($"{field}: is not a field path", Refused((field, "3")).Message);
    }

    [Theory]
    [InlineData("ring8", "ring8")]
    [InlineData("grid25", "grid25")]
    public void A_game_without_a_name_is_named_after_its_data(string data, string name)
    {
        Assert.Equal(name, GameSpecLoader.Load(null, Overrides(("data.kind", data))).Name);
        Assert.Equal("mine", GameSpecLoader.Load(null, Overrides(("data.kind", data), ("name", "mine"))).Name);
        Assert.Equal(name, GameSpecLoader.Load(_folder.Write("data.yaml", $"data:\n  kind: {data}\n")).Name);
    }
}
