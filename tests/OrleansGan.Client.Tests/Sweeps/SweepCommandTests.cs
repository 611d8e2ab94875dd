using OrleansGan.Client.Tests.BadInput;
using OrleansGan.Client.Tests.Commands;

namespace OrleansGan.Client.Tests.Sweeps;

/// <summary>
/// The sweep command end to end on the embedded silo: a sweep folder with every game's run folder and the aggregates;
/// a rerun plays nothing; a sweep stopped by Ctrl+C and rerun gives the same rounds as one that was never stopped; a
/// changed sweep file, a sweep too large without --yes and bad flags are refused with exit 2, leaving the folder as it was.
/// </summary>
public class SweepCommandTests : IDisposable
{
    private const string Sweep = """
        name: tiny
        spec:
          rounds: 40
          batchSize: 32
          generator: { hidden: [16] }
          discriminator: { hidden: [16] }
          evaluation: { every: 20, samples: 200 }
          checkpoint: { every: 20 }
        axes:
          loss: [minimax, non-saturating]
          seed: 1..2
        """;

    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_sweep_leaves_run_folders_and_aggregates_and_a_rerun_plays_nothing()
    {
        var file = _temp.Write("tiny.yaml", Sweep);
        var folder = Path.Combine(_temp.Path, "out");
        var (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", file, "--out", folder, "--parallel", "2");
        Assert.True(exit == 0, output + errors);
        Assert.Contains("4/4 games have results", output);
        var games = Directory.GetDirectories(Path.Combine(folder, "games")).Order().ToList();
        Assert.Equal(["0000-minimax_1", "0001-minimax_2", "0002-non-saturating_1", "0003-non-saturating_2"], games.Select(Path.GetFileName));
        Assert.All(games, g => Assert.StartsWith("state: finished", File.ReadAllText(Path.Combine(g, "summary.txt"))));
        Assert.All(games, g => Assert.Equal(41, File.ReadAllLines(Path.Combine(g, "rounds.csv")).Length));

        var results = File.ReadAllLines(Path.Combine(folder, "results.csv"));
        Assert.Equal("game,game_id,folder,state,loss,seed,round,modes_covered,high_quality_fraction,rounds_per_second", results[0]);
        Assert.Equal(1 + (4 * 3), results.Length); // evaluations at rounds 0, 20 and 40
        var summary = File.ReadAllText(Path.Combine(folder, "summary.md"));
        Assert.Contains("| minimax | 2/2 |", summary);
        Assert.Contains("| non-saturating | 2/2 |", summary);
        Assert.True(File.Exists(Path.Combine(folder, "figure-modes_covered.png")));
        Assert.Equal(Sweep, File.ReadAllText(Path.Combine(folder, "sweep.yaml")));

        var before = games.ToDictionary(g => g, g => File.ReadAllText(Path.Combine(g, "rounds.csv")));
        (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", file, "--out", folder);
        Assert.True(exit == 0, output + errors);
        Assert.Contains("4 already done, 0 to play", output);
        Assert.All(games, g => Assert.Equal(before[g], File.ReadAllText(Path.Combine(g, "rounds.csv"))));

        // The same folder with a changed sweep file: refused, naming what changed, and nothing touched.
        var changed = _temp.Write("tiny.yaml", Sweep.Replace("seed: 1..2", "seed: 1..3", StringComparison.Ordinal));
        (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", changed, "--out", folder);
        Assert.Equal(2, exit);
        Assert.Contains("axes.seed: 1, 2 became 1, 2, 3", errors);
        var longer = _temp.Write("tiny.yaml", Sweep.Replace("rounds: 40", "rounds: 50", StringComparison.Ordinal));
        (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", longer, "--out", folder);
        Assert.Equal(2, exit);
        Assert.Contains("spec fields rounds changed", errors);
        Assert.Equal(Sweep, File.ReadAllText(Path.Combine(folder, "sweep.yaml")));
    }

    [Fact]
    public async Task A_second_sweep_on_a_folder_a_sweep_is_playing_is_refused()
    {
        var file = _temp.Write("long.yaml", Sweep.Replace("rounds: 40", "rounds: 200000", StringComparison.Ordinal).Replace("seed: 1..2", "seed: [1]", StringComparison.Ordinal));
        var folder = Path.Combine(_temp.Path, "busy");
        using var cancel = new CancellationTokenSource();
        var watched = new WatchedWriter();
        var watchedErrors = new StringWriter();
        using var playing = new CheckpointWatch(folder);
        var first = CommandLine.InvokeAsync(watched, watchedErrors, cancel.Token, "sweep", "--file", file, "--out", folder, "--parallel", "1");

        // Its game is playing (it has checkpointed), not still starting the embedded silo.
        await playing.FirstAsync();

        var (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", file, "--out", folder);
        Assert.True(exit == 2, output + errors);
        Assert.Contains($"error: --out: '{folder}' is in use by another orleans-gan command", errors);
        Assert.False(first.IsCompleted, $"{watched}{watchedErrors}");
        await cancel.CancelAsync();
        Assert.Equal(130, await first);
    }

    [Fact]
    public async Task A_sweep_stopped_by_ctrl_c_and_rerun_plays_the_rounds_of_an_unstopped_one()
    {
        var file = _temp.Write("tiny.yaml", Sweep);
        var whole = Path.Combine(_temp.Path, "whole");
        var (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", file, "--out", whole, "--parallel", "1");
        Assert.True(exit == 0, output + errors);

        var stopped = Path.Combine(_temp.Path, "stopped");
        using var cancel = new CancellationTokenSource();
        var watched = new WatchedWriter();
        var watchedErrors = new StringWriter();
        var run = CommandLine.InvokeAsync(watched, watchedErrors, cancel.Token, "sweep", "--file", file, "--out", stopped, "--parallel", "1");
        await watched.Printed("game 0000 loss=minimax, seed=1: finished");
        await cancel.CancelAsync();
        Assert.Equal(130, await run);
        Assert.Contains("cancelled: the games stopped after their rounds in progress", watchedErrors.ToString());
        Assert.DoesNotContain("cancelled: the games stopped", watched.ToString());

        (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", file, "--out", stopped, "--parallel", "2");
        Assert.True(exit == 0, output + errors);
        Assert.Contains("1 already done, 3 to play", output);
        foreach (var game in Directory.GetDirectories(Path.Combine(whole, "games")).Select(Path.GetFileName))
        {
            Assert.Equal(
                File.ReadAllText(Path.Combine(whole, "games", game!, "rounds.csv")),
                File.ReadAllText(Path.Combine(stopped, "games", game!, "rounds.csv")));
        }
    }

    [Theory]
    [InlineData("--parallel", "0", "--parallel: must be from 1 to 256 (got 0)")]
    [InlineData("--cluster", "nowhere", "--cluster: 'nowhere' is not host:port")]
    [InlineData("--probe-rounds", "0", "--probe-rounds: must be from 1 to 10000")]
    public async Task Bad_flags_are_refused_with_exit_2(string flag, string value, string message)
    {
        var file = _temp.Write("tiny.yaml", Sweep);
        var (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", file, "--out", Path.Combine(_temp.Path, "out"), flag, value);
        Assert.Equal(2, exit);
        Assert.Contains(message, errors);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "out")));
    }

    [Fact]
    public async Task A_bad_sweep_file_or_one_too_large_without_yes_is_refused_and_nothing_is_written()
    {
        var folder = Path.Combine(_temp.Path, "out");
        var (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", _temp.Write("bad.yaml", "axes: { loss: [] }"), "--out", folder);
        Assert.Equal(2, exit);
        Assert.Contains("error: bad.yaml: axes.loss: is empty", errors);

        (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", _temp.Write("big.yaml", "axes: { seed: 1..101 }"), "--out", folder);
        Assert.Equal(2, exit);
        Assert.Contains("--yes: the sweep makes 101 games, more than 100 without --yes", errors);

        (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", _temp.Write("notes.txt", "x"), "--out", _temp.Path);
        Assert.Equal(2, exit);
        Assert.Contains("a sweep must be a mapping", errors);
        Assert.False(Directory.Exists(folder));

        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "mine.txt"), "keep");
        (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", _temp.Write("tiny.yaml", Sweep), "--out", folder);
        Assert.Equal(2, exit);
        Assert.Contains("is not empty and holds no plan.json", errors);
        Assert.Equal(["mine.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }
}
