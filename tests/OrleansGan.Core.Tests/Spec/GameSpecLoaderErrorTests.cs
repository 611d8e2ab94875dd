using OrleansGan.Core.Spec;
using static OrleansGan.Core.Tests.Spec.Specs;

namespace OrleansGan.Core.Tests.Spec;

/// <summary>Files and overrides that cannot be read as a spec are refused with the field, and the bad value, named.</summary>
public sealed class GameSpecLoaderErrorTests : IDisposable
{
    private readonly SpecFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_unknown_loss_is_refused_with_the_list_of_losses()
    {
        foreach (var error in new[]
        {
            Refused(("loss", "hinge-ish")),
            RefusedFile(_folder.Write("game.yaml", "loss: hinge-ish\n")),
        })
        {
            Assert.Contains("loss: ", error.Message);
            Assert.Contains("'hinge-ish'", error.Message);
            Assert.Contains("minimax, non-saturating, maximum-likelihood, wasserstein", error.Message);
        }
    }

    [Fact]
    public void An_unknown_protocol_is_refused_with_the_list_of_protocols()
    {
        var error = RefusedFile(_folder.Write("game.yaml", "protocol:\n  kind: round-robin\n"));

        Assert.Contains("protocol.kind: ", error.Message);
        Assert.Contains("'round-robin'", error.Message);
        Assert.Contains("simultaneous, alternating", error.Message);
    }

    [Fact]
    public void An_unknown_field_in_a_file_is_refused_by_name()
    {
        var error = RefusedFile(_folder.Write("game.yaml", "generator:\n  hiden: [64]\n"));

        Assert.Contains("generator", error.Message);
        Assert.Contains("'hiden'", error.Message);
    }

    [Fact]
    public void An_unknown_top_level_field_in_a_file_is_refused_by_name()
    {
        var error = RefusedFile(_folder.Write("game.json", "{ \"rounds\": 5, \"epochs\": 3 }"));
        Assert.Contains("'epochs'", error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_naming_the_field()
    {
        var error = RefusedFile(_folder.Write("game.yaml", "evaluation:\n  samples: many\n"));
        Assert.Contains("evaluation.samples: ", error.Message);
    }

    [Fact]
    public void An_override_of_a_field_that_does_not_exist_is_refused_by_name()
    {
        Assert.Contains("generator.hiden: no such field", Refused(("generator.hiden", "[64]")).Message);
        Assert.Contains("epochs: no such field", Refused(("epochs", "3")).Message);
        Assert.Contains("'critic' is not a section", Refused(("critic.hidden", "[64]")).Message);
        Assert.Contains("'rounds' is not a section", Refused(("rounds.count", "3")).Message);
    }

    [Fact]
    public void An_override_cannot_replace_a_section_with_a_scalar()
    {
        var error = Refused(("protocol", "5"));

        Assert.Contains("protocol: is a section", error.Message);
        Assert.Contains("kind, discriminatorSteps, generatorSteps", error.Message);
        Assert.Contains("generator.optimizer: is a section", Refused(("generator.optimizer", "adam")).Message);
    }

    [Fact]
    public void Invalid_yaml_is_refused_naming_the_file_and_line()
    {
        var path = _folder.Write("broken.yaml", "name: broken\nrounds: 3\ngenerator: { hidden: [1, 2 }\nbatchSize: 4\n");

        var error = RefusedFile(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("not valid YAML at line 3", error.Message);
    }

    [Fact]
    public void A_missing_file_is_refused_by_path()
    {
        var path = Path.Combine(_folder.Path, "nowhere.yaml");
        var error = RefusedFile(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void A_missing_base_file_is_refused_by_path()
    {
        var error = RefusedFile(_folder.Write("child.yaml", "extends: base-that-is-not-there.yaml\n"));
        Assert.Contains("base-that-is-not-there.yaml", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void An_extends_cycle_is_refused()
    {
        _folder.Write("a.yaml", "extends: b.yaml\nrounds: 1\n");
        _folder.Write("b.yaml", "extends: c.yaml\nrounds: 2\n");
        _folder.Write("c.yaml", "extends: a.yaml\nrounds: 3\n");

        Assert.Contains("forms a cycle", RefusedFile(Path.Combine(_folder.Path, "a.yaml")).Message);
        Assert.Contains("forms a cycle", RefusedFile(_folder.Write("self.yaml", "extends: self.yaml\n")).Message);
    }

    [Fact]
    public void A_file_that_is_not_a_mapping_is_refused()
    {
        var error = RefusedFile(_folder.Write("list.yaml", "- rounds: 3\n"));
        Assert.Contains("must be a mapping", error.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void A_number_that_is_not_finite_is_refused_naming_the_field(string value)
    {
        Assert.Contains("generator.optimizer.learningRate: ", Refused(("generator.optimizer.learningRate", value)).Message);

        var error = RefusedFile(_folder.Write("game.yaml", $"evaluation:\n  qualityStds: {value}\n"));
        Assert.Contains("evaluation.qualityStds: ", error.Message);
    }

    [Fact]
    public void Plain_NaN_and_Infinity_are_words_as_in_yaml()
    {
        // YAML spells its special floats .nan and .inf; a plain NaN is a string, and a name may be one.
        Assert.Equal("Infinity", GameSpecLoader.Load(null, Overrides(("name", "Infinity"))).Name);
        Assert.Equal("NaN", GameSpecLoader.Load(_folder.Write("nan.yaml", "name: NaN\n")).Name);
    }

    [Theory]
    [InlineData("extends: 3\n", "number")]
    [InlineData("extends: [base.yaml]\n", "array")]
    [InlineData("extends: { path: base.yaml }\n", "object")]
    public void An_extends_that_is_not_a_path_is_refused_naming_the_file(string text, string kind)
    {
        _folder.Write("base.yaml", "rounds: 3\n");
        var path = _folder.Write("child.yaml", text);

        var error = RefusedFile(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("'extends' must name a spec file", error.Message);
        Assert.Contains(kind, error.Message);
    }

    [Theory]
    [InlineData("? [a, b]\n: 3\n")]
    [InlineData("generator:\n  ? { hidden: 1 }\n  : 3\n")]
    public void A_field_name_that_is_not_a_word_is_refused_naming_the_file_and_line(string text)
    {
        var path = _folder.Write("keys.yaml", text);

        var error = RefusedFile(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("line ", error.Message);
    }

    [Theory]
    [InlineData("rounds", "{a: 1")]
    [InlineData("generator.hidden", "[64, 64")]
    public void An_override_value_that_is_not_valid_yaml_is_refused_naming_the_field(string field, string value)
    {
        var error = Refused((field, value));

        Assert.Contains($"{field}: not valid YAML", error.Message);
    }

    [Fact]
    public void An_empty_file_is_the_defaults()
    {
        SpecAssert.Same(GameSpecLoader.Load(null), GameSpecLoader.Load(_folder.Write("empty.yaml", "")));
    }
}
