namespace OrleansGan.Client.Tests.Commands;

/// <summary>Bad specs and flags are refused before anything starts, with a message naming the field.</summary>
public class RunCommandInputTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansgan-input-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("--loss", "wasserstein-ish", "loss", "minimax, non-saturating, maximum-likelihood")]
    [InlineData("--protocol", "leapfrog", "protocol.kind", "simultaneous, alternating")]
    [InlineData("--protocol", "alternating(0,1)", "protocol.discriminatorSteps", "at least 1")]
    [InlineData("--g-steps", "0", "protocol.generatorSteps", "at least 1")]
    [InlineData("--protocol", "alternating(1)", "--protocol", "takes 2 argument(s)")]
    [InlineData("--protocol", "extragradient(2)", "--protocol", "takes no arguments")]
    [InlineData("--protocol", "unrolled(101)", "protocol.unrollSteps", "between 0 and 100")]
    [InlineData("--consensus-weight", "-1", "protocol.consensusWeight", "non-negative")]
    [InlineData("--protocol", "two-time-scale", "protocol.kind", "different learning rates")]
    [InlineData("--lr-g", "0", "generator.optimizer.learningRate", "positive")]
    [InlineData("--lr-d", "-0.001", "discriminator.optimizer.learningRate", "positive")]
    [InlineData("--weight-clip", "0", "discriminator.weightClip", "c must be positive")]
    [InlineData("--gradient-penalty", "-10", "stabilizers.gradientPenalty", "must be >= 0")]
    [InlineData("--r1", "-1", "stabilizers.r1", "must be >= 0")]
    [InlineData("--optimizer", "adagrad", "generator.optimizer.kind", "adam, sgd, rmsprop")]
    [InlineData("--batch", "0", "batchSize", "between 1")]
    [InlineData("--rounds", "-5", "rounds", "at least 1")]
    [InlineData("--device", "gpu0", "generator.device", "unknown device 'gpu0'")]
    [InlineData("--d-device", "cuda:0", "discriminator.device", "not available")]
    [InlineData("--data", "spiral", "data.kind", "ring8, grid25")]
    [InlineData("--class-labels", "labels", "stabilizers.classLabels", "none, conditional, auxiliary-classes")]
    [InlineData("--set", "generator.outputSize=3", "discriminator.inputSize", "does not match generator.outputSize 3")]
    [InlineData("--set", "generator.widths=3", "generator.widths", "no such field")]
    [InlineData("--set", "evaluation=3", "evaluation", "is a section")]
    [InlineData("--set", "nonsense", "--set", "path=value")]
    [InlineData("--game", "chess", "--game", "unknown game 'chess'")]
    [InlineData("--instance-noise", "-0.1", "stabilizers.instanceNoise.sigma0", "(got -0.1)")]
    [InlineData("--noise-anneal", "-3", "stabilizers.instanceNoise.annealRounds", "(got -3)")]
    [InlineData("--margin", "1", "discriminator.margin", "only the energy-based loss")]
    [InlineData("--d-network", "autoencoder", "discriminator.network", "plays the energy-based loss")]
    [InlineData("--pull-away", "0.1", "stabilizers.pullAway", "needs the energy-based loss")]
    [InlineData("--field-every", "-2", "evaluation.fieldEvery", "0 for no field (got -2)")]
    [InlineData("--set", "evaluation.fieldEvery=off", "evaluation.fieldEvery", "whole number")]
    public async Task A_bad_flag_is_refused_naming_the_field(string flag, string value, string field, string reason)
    {
        var (exit, output, errors) = await CommandLine.InvokeAsync("run", flag, value, "--out", _folder);
        Assert.Equal(2, exit);
        Assert.Contains(field, errors);
        Assert.Contains(reason, errors);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(_folder), "nothing may be written for a refused game");
    }

    [Fact]
    public async Task A_number_flag_with_text_is_refused_by_name()
    {
        var (exit, _, errors) = await CommandLine.InvokeAsync("run", "--batch", "lots");
        Assert.NotEqual(0, exit);
        Assert.Contains("--batch", errors);
    }

    [Fact]
    public async Task A_spec_file_with_an_unknown_field_is_refused_naming_it()
    {
        Directory.CreateDirectory(_folder);
        var spec = Path.Combine(_folder, "bad.yaml");
        await File.WriteAllTextAsync(spec, "generator:\n  hiden: [64]\n");
        var (exit, _, errors) = await CommandLine.InvokeAsync("run", "--spec", spec, "--out", Path.Combine(_folder, "out"));
        Assert.Equal(2, exit);
        Assert.Contains("generator", errors);
        Assert.Contains("hiden", errors);
    }

    [Fact]
    public async Task A_missing_spec_file_is_refused_naming_it()
    {
        var (exit, _, errors) = await CommandLine.InvokeAsync("run", "--spec", "/nonexistent/game.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("/nonexistent/game.yaml", errors);
    }

    [Fact]
    public async Task A_run_folder_that_holds_files_is_never_overwritten()
    {
        Directory.CreateDirectory(_folder);
        var earlier = Path.Combine(_folder, "rounds.csv");
        await File.WriteAllTextAsync(earlier, "earlier results");
        var (exit, _, errors) = await CommandLine.InvokeAsync("run", "--rounds", "1", "--out", _folder);
        Assert.Equal(2, exit);
        Assert.Contains("not empty", errors);
        Assert.Equal("earlier results", await File.ReadAllTextAsync(earlier));
    }

    [Theory]
    [InlineData("status", "some-game")]
    [InlineData("list", null)]
    public async Task Cluster_commands_refuse_a_bad_address_by_name(string command, string? argument)
    {
        string[] args = argument is null ? [command, "--cluster", "nowhere"] : [command, argument, "--cluster", "nowhere"];
        var (exit, _, errors) = await CommandLine.InvokeAsync(args);
        Assert.Equal(2, exit);
        Assert.Contains("--cluster: 'nowhere' is not host:port", errors);
    }

    [Fact]
    public async Task A_bad_cluster_address_is_refused_by_name()
    {
        var (exit, _, errors) = await CommandLine.InvokeAsync("run", "--rounds", "1", "--cluster", "localhost", "--out", _folder);
        Assert.Equal(2, exit);
        Assert.Contains("--cluster", errors);
    }
}
