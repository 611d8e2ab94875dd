using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using static OrleansGan.Core.Tests.Spec.Specs;

namespace OrleansGan.Core.Tests.Spec;

/// <summary>The layers of a spec: defaults, then a file (and the files it extends), then overrides.</summary>
public sealed class GameSpecLoaderTests : IDisposable
{
    private readonly SpecFolder _folder = new();
    private readonly GameSpec _defaults = GameSpecLoader.Load(null);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_defaults_load_and_describe_a_playable_ring_game()
    {
        Assert.Empty(GameSpecValidator.Problems(_defaults));
        Assert.Equal(DataKind.Ring8, _defaults.Data.Kind);
        Assert.Equal(LossKind.NonSaturating, _defaults.Loss);
        Assert.Equal("alternating(1,1)", _defaults.Protocol.ToString());
        Assert.Equal(_defaults.Generator.OutputSize, _defaults.Discriminator.InputSize);
        Assert.Equal("cpu", _defaults.Generator.Device);
    }

    [Fact]
    public void A_yaml_file_sets_the_fields_it_names_and_keeps_the_defaults_for_the_rest()
    {
        var path = _folder.Write("short.yaml", """
            name: short-ring
            rounds: 10
            protocol:
              discriminatorSteps: 5
            generator:
              hidden: [32]
              optimizer:
                learningRate: 2.0e-4
            """);

        var spec = GameSpecLoader.Load(path);

        Assert.Equal("short-ring", spec.Name);
        Assert.Equal(10, spec.Rounds);
        Assert.Equal(5, spec.Protocol.DiscriminatorSteps);
        Assert.Equal(new[] { 32 }, spec.Generator.Hidden);
        Assert.Equal(2.0e-4, spec.Generator.Optimizer.LearningRate);

        // Siblings of the set fields, inside the same sections, keep their defaults.
        Assert.Equal(_defaults.Protocol.Kind, spec.Protocol.Kind);
        Assert.Equal(_defaults.Protocol.GeneratorSteps, spec.Protocol.GeneratorSteps);
        Assert.Equal(_defaults.Generator.Optimizer with { LearningRate = 2.0e-4 }, spec.Generator.Optimizer);
        Assert.Equal(_defaults.Generator.LatentSize, spec.Generator.LatentSize);
        SpecAssert.Same(_defaults, spec with
        {
            Name = _defaults.Name,
            Rounds = _defaults.Rounds,
            Protocol = _defaults.Protocol,
            Generator = _defaults.Generator,
        });
    }

    [Fact]
    public void Extends_chains_through_paths_relative_to_each_file_and_the_child_wins()
    {
        _folder.Write("root.yaml", """
            rounds: 100
            batchSize: 32
            loss: minimax
            generator:
              optimizer: { learningRate: 1.0e-4 }
            """);
        _folder.Write("bases/middle.yaml", """
            extends: ../root.yaml
            rounds: 200
            batchSize: 64
            """);
        var child = _folder.Write("experiments/deep/child.yaml", """
            extends: ../../bases/middle.yaml
            rounds: 300
            generator:
              optimizer: { beta1: 0.9 }
            """);

        var spec = GameSpecLoader.Load(child);

        Assert.Equal(300, spec.Rounds);
        Assert.Equal(64, spec.BatchSize);
        Assert.Equal(LossKind.Minimax, spec.Loss);

        // Sections merge field by field down the chain.
        Assert.Equal(1.0e-4, spec.Generator.Optimizer.LearningRate);
        Assert.Equal(0.9, spec.Generator.Optimizer.Beta1);
        Assert.Equal(_defaults.Generator.Optimizer.Beta2, spec.Generator.Optimizer.Beta2);
    }

    [Fact]
    public void A_json_file_loads_like_a_yaml_one()
    {
        var path = _folder.Write("game.json", """
            {
              "name": "json-game",
              "loss": "minimax",
              "protocol": { "kind": "simultaneous" },
              "generator": { "hidden": [16, 16], "optimizer": { "learningRate": 0.0005 } }
            }
            """);

        var spec = GameSpecLoader.Load(path);

        Assert.Equal("json-game", spec.Name);
        Assert.Equal(LossKind.Minimax, spec.Loss);
        Assert.Equal(ProtocolKind.Simultaneous, spec.Protocol.Kind);
        Assert.Equal(new[] { 16, 16 }, spec.Generator.Hidden);
        Assert.Equal(0.0005, spec.Generator.Optimizer.LearningRate);
        Assert.Equal(_defaults.Rounds, spec.Rounds);
    }

    [Fact]
    public void Overrides_win_over_the_file_and_later_overrides_over_earlier_ones()
    {
        var path = _folder.Write("game.yaml", "rounds: 10\nbatchSize: 32\nprotocol: { discriminatorSteps: 2 }\n");

        var spec = GameSpecLoader.Load(path, Overrides(
            ("rounds", "20"),
            ("protocol.discriminatorSteps", "5"),
            ("rounds", "30")));

        Assert.Equal(30, spec.Rounds);
        Assert.Equal(5, spec.Protocol.DiscriminatorSteps);
        Assert.Equal(32, spec.BatchSize);
    }

    [Fact]
    public void An_override_replaces_a_whole_list()
    {
        var path = _folder.Write("game.yaml", "generator: { hidden: [8, 8, 8] }\n");

        Assert.Equal(new[] { 64, 64 }, GameSpecLoader.Load(path, Overrides(("generator.hidden", "[64,64]"))).Generator.Hidden);
        Assert.Equal(new[] { 5 }, GameSpecLoader.Load(null, Overrides(("discriminator.hidden", "[5]"))).Discriminator.Hidden);
        Assert.Empty(GameSpecLoader.Load(null, Overrides(("discriminator.hidden", "[]"))).Discriminator.Hidden);
    }

    [Fact]
    public void Override_values_are_read_as_the_numbers_and_names_they_spell()
    {
        var spec = GameSpecLoader.Load(null, Overrides(
            ("seed", "18446744073709551615"),
            ("generator.optimizer.learningRate", "5e-4"),
            ("discriminator.optimizer.momentum", "0.9"),
            ("generator.device", "cpu"),
            ("name", "run-7")));

        Assert.Equal(ulong.MaxValue, spec.Seed);
        Assert.Equal(5e-4, spec.Generator.Optimizer.LearningRate);
        Assert.Equal(0.9, spec.Discriminator.Optimizer.Momentum);
        Assert.Equal("run-7", spec.Name);
    }

    [Fact]
    public void ToJson_loads_back_to_the_same_spec()
    {
        var original = GameSpecLoader.Load(null, Overrides(
            ("name", "round-trip"),
            ("seed", "9223372036854775813"),
            ("rounds", "77"),
            ("batchSize", "48"),
            ("data.kind", "grid25"),
            ("loss", "maximum-likelihood"),
            ("protocol.kind", "simultaneous"),
            ("protocol.discriminatorSteps", "3"),
            ("generator.latentSize", "5"),
            ("generator.hidden", "[64,32]"),
            ("generator.activation", "leaky-relu"),
            ("generator.optimizer.kind", "sgd"),
            ("generator.optimizer.learningRate", "0.0123456789"),
            ("generator.optimizer.momentum", "0.9"),
            ("discriminator.hidden", "[]"),
            ("discriminator.activation", "tanh"),
            ("discriminator.optimizer.epsilon", "1e-7"),
            ("discriminator.optimizer.weightDecay", "3.3e-5"),
            ("evaluation.qualityStds", "2.5"),
            ("evaluation.minSamplesPerMode", "7")));

        var path = _folder.Write("spec.json", GameSpecLoader.ToJson(original));
        var loaded = GameSpecLoader.Load(path);

        SpecAssert.Same(original, loaded);
        Assert.Equal(GameSpecLoader.ToJson(original), GameSpecLoader.ToJson(loaded));
    }

    [Fact]
    public void ToJson_of_the_defaults_loads_back_to_the_defaults()
    {
        var path = _folder.Write("defaults.json", GameSpecLoader.ToJson(_defaults));
        SpecAssert.Same(_defaults, GameSpecLoader.Load(path));
    }
}
