using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Sweeps;
using OrleansGan.Core.Tests.Spec;

namespace OrleansGan.Core.Tests.Sweeps;

/// <summary>Sweep files make the games they describe, and bad ones are refused naming the field.</summary>
public class SweepFileTests
{
    private static IReadOnlyList<SweptGame> Games(string yaml, SpecFolder? folder = null) =>
        SweepExpansion.Games(SweepFileReader.Parse(yaml, "test.yaml", "test", folder?.Path ?? Path.GetTempPath()));

    private static string Refused(string yaml)
    {
        var error = Assert.Throws<InvalidSweepException>(() => Games(yaml));
        return string.Join("\n", error.Problems);
    }

    [Fact]
    public void Cartesian_axes_make_every_combination_first_axis_slowest()
    {
        var games = Games("""
            spec: { rounds: 100 }
            axes:
              protocol: [simultaneous, "alternating(5,1)"]
              loss: [minimax, hinge]
              seed: 1..3
            """);
        Assert.Equal(12, games.Count);
        Assert.Equal("protocol=simultaneous, loss=minimax, seed=1", games[0].Key);
        Assert.Equal("protocol=alternating(5,1), loss=hinge, seed=3", games[^1].Key);
        Assert.Equal(ProtocolKind.Alternating, games[^1].Spec.Protocol.Kind);
        Assert.Equal(5, games[^1].Spec.Protocol.DiscriminatorSteps);
        Assert.Equal(LossKind.Hinge, games[^1].Spec.Loss);
        Assert.Equal(3UL, games[^1].Spec.Seed);
        Assert.All(games, g => Assert.Equal(100, g.Spec.Rounds));
        Assert.All(games, g => Assert.Equal(PlacementPolicy.Spread, g.Spec.Placement.Policy));
        Assert.Equal("protocol=alternating(5,1), loss=hinge", games[^1].Configuration);
    }

    [Fact]
    public void Zipped_axes_pair_their_values_and_named_levels_set_several_fields()
    {
        var games = Games("""
            axes:
              generator.optimizer.learningRate: [1e-3, 2e-4]
              stabilizer:
                none: {}
                wgan-clip: { loss: wasserstein, discriminator.weightClip: 0.01, protocol: "alternating(5,1)" }
            combine: zipped
            """);
        Assert.Equal(2, games.Count);
        Assert.Null(games[0].Spec.Discriminator.WeightClip);
        Assert.Equal(2e-4, games[1].Spec.Generator.Optimizer.LearningRate);
        Assert.Equal(0.01, games[1].Spec.Discriminator.WeightClip);
        Assert.Equal(5, games[1].Spec.Protocol.DiscriminatorSteps);
    }

    [Fact]
    public void The_base_spec_may_be_a_file_or_extend_one_and_exclusions_leave_games_out()
    {
        using var folder = new SpecFolder();
        folder.Write("base.yaml", "rounds: 77\nbatchSize: 32\n");
        var games = Games("""
            spec: { extends: base.yaml, batchSize: 16 }
            axes:
              loss: [minimax, hinge]
              seed: 1..2
            exclude: [{ loss: hinge, seed: [2] }]
            """, folder);
        Assert.Equal(3, games.Count);
        Assert.All(games, g => Assert.Equal((77, 16), (g.Spec.Rounds, g.Spec.BatchSize)));
        Assert.DoesNotContain(games, g => g.Key == "loss=hinge, seed=2");
        Assert.Equal(77, Games("spec: base.yaml\naxes: { seed: 1..1 }", folder)[0].Spec.Rounds);
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "axes: { generator.optimizer.lernRate: [0.1] }", "axes.generator.optimizer.lernRate[0]: generator.optimizer.lernRate: no such field in the spec" },
        { "axes: { protocl: [simultaneous] }", "axes.protocl[0]: protocl: no such field in the spec" },
        { "axes: { loss: [] }", "axes.loss: is empty; an axis needs at least one value" },
        { "axes: { stabilizer: {} }", "axes.stabilizer: is empty" },
        { "axes: { seed: 5..1 }", "axes.seed: the range 5..1 is empty" },
        { "axes: {}", "axes: is missing or empty" },
        { "spec: { rounds: 10 }", "axes: is missing or empty" },
        { "axes: { batchSize: [64, 12.5] }", "axes.batchSize[1]: batchSize: must be a whole number (got 12.5)" },
        { "axes: { loss: [minimax, 3] }", "axes.loss[1]: loss: '3' is not one of:" },
        { "axes: { stabilizer: { r1: { stabilizers.r1: high } } }", "axes.stabilizer.r1: stabilizers.r1: must be a finite number (got 'high')" },
        { "axes: { protocol: [\"unrolled(1,2)\"] }", "axes.protocol[0]: unrolled takes 1 argument(s)" },
        { "axes: { seed: 3 }", "axes.seed: must be a list of values, a range a..b of whole numbers, or a mapping of named levels" },
        { "axes: { seed: [1, 1] }", "axes.seed: value '1' is given twice" },
        { "axes: { seed: 1..3, loss: [minimax, hinge] }\ncombine: zipped", "combine: zipped axes must have the same number of values (seed: 3, loss: 2)" },
        { "axes: { seed: 1..3 }\ncombine: crossed", "combine: 'crossed' is not one of: cartesian, zipped" },
        { "axes: { seed: 1..3 }\nfigures: [modes, modes_covered]", "figures[0]: 'modes' is not a figure" },
        { "axes: { seed: 1..3 }\nexclude: [{ los: minimax }]", "exclude[0].los: no such axis" },
        { "axes: { seed: 1..3 }\nexclude: [{ seed: 4 }]", "exclude[0].seed: '4' is not a value of the axis" },
        { "axes: { seed: 1..2 }\nexclude: [{ seed: [1, 2] }]", "exclude: leaves no game to play" },
        { "axis: { seed: 1..3 }", "sweep: no such field 'axis'" },
        { "spec: { batchSze: 3 }\naxes: { seed: 1..2 }", "spec: no such field 'batchSze'" },
        { "spec: missing.yaml\naxes: { seed: 1..2 }", "does not exist" },
        { "axes: { seed: 1..100000 }", "holds 100,000 values, more than an axis may have (1,000)" },
        { "axes: { a: 1..1000, b: 1..1000 }", "the sweep makes 1,000,000 games, more than a sweep may hold (10,000)" },
        { "axes: { loss: [energy-based] }", "game loss=energy-based: " },
        { "- not a mapping", "a sweep must be a mapping of fields" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_sweep_file_is_refused_naming_the_field(string yaml, string message)
    {
        Assert.Contains(message, Refused(yaml));
    }

    [Fact]
    public void A_sweep_file_is_read_with_the_spec_readers_bounds()
    {
        using var folder = new SpecFolder();
        var aliases = "a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n";
        var error = Assert.Throws<InvalidSweepException>(() => SweepFileReader.Read(folder.Write("bomb.yaml", aliases)));
        Assert.Contains("more than 10,000 values", error.Message);
        Assert.Contains("does not exist", Assert.Throws<InvalidSweepException>(() => SweepFileReader.Read(Path.Combine(folder.Path, "none.yaml"))).Message);
    }
}

/// <summary>The sweep files under docs/sweeps (the README's measured tables) make the games the tables hold.</summary>
public class DocumentedSweepTests
{
    [Theory]
    [InlineData("protocols.yaml", 48)]
    [InlineData("toolbox-ring.yaml", 183)]
    [InlineData("toolbox-mnist.yaml", 183)]
    public void A_documented_sweep_makes_its_tables_games(string file, int games)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "docs", "sweeps", file);
        Assert.Equal(games, SweepExpansion.Games(SweepFileReader.Read(path)).Count);
    }
}
