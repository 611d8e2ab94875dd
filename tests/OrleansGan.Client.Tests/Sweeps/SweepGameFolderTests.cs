using OrleansGan.Client.Runs;
using OrleansGan.Client.Tests.BadInput;
using OrleansGan.Client.Tests.Commands;

namespace OrleansGan.Client.Tests.Sweeps;

/// <summary>
/// Each game's run folder of an embedded sweep stands on its own, as a run folder of <c>run</c> does: its checkpoints
/// are in it, so <c>resume --run</c> continues a game the sweep left half-played, with the rounds of an unstopped
/// sweep, and the sweep's rerun then counts that game as done; while another command holds a game's folder, the
/// sweep refuses to play that game.
/// </summary>
public class SweepGameFolderTests : IDisposable
{
    // 2000 rounds, so that the game stopped after its first checkpoint (round 20) is still playing when Ctrl+C reaches
    // it on a fast machine: at 100 rounds a CI machine finished it in between.
    private const string Sweep = """
        name: folders
        spec:
          rounds: 2000
          batchSize: 32
          generator: { hidden: [16] }
          discriminator: { hidden: [16] }
          evaluation: { every: 1000, samples: 200 }
          checkpoint: { every: 20 }
        axes:
          seed: 1..2
        """;

    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_game_the_sweep_left_half_played_resumes_from_its_own_folder()
    {
        var file = _temp.Write("folders.yaml", Sweep);
        var whole = _temp.Sub("whole");
        var (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", file, "--out", whole, "--parallel", "1");
        Assert.True(exit == 0, output + errors);

        // The sweep is stopped (Ctrl+C) once its first game has written a checkpoint into its run folder.
        var stopped = _temp.Sub("stopped");
        using var watch = new CheckpointWatch(stopped);
        using var cancel = new CancellationTokenSource();
        var printed = new StringWriter();
        var run = CommandLine.InvokeAsync(printed, printed, cancel.Token, "sweep", "--file", file, "--out", stopped, "--parallel", "1");
        var checkpoint = await watch.FirstAsync();
        await cancel.CancelAsync();
        Assert.True(await run == 130, printed.ToString());

        var game = Directory.GetDirectories(Path.Combine(stopped, "games")).Single();
        var id = (await File.ReadAllTextAsync(Path.Combine(game, "game-id.txt"))).Trim();
        Assert.Equal(Path.Combine(game, "checkpoints", id, "checkpoint.bin"), checkpoint);
        Assert.False(File.Exists(Path.Combine(stopped, "checkpoints", id, "checkpoint.bin")), "the game's checkpoint belongs in its run folder, not the sweep's");
        Assert.DoesNotContain("state: finished", await File.ReadAllTextAsync(Path.Combine(game, "summary.txt")));

        // While another command holds the game's folder, the sweep does not play that game into it.
        using (FolderLock.Take(game, "--run"))
        {
            (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", file, "--out", stopped, "--parallel", "1");
            Assert.Equal(4, exit);
            Assert.Contains($"game 0000: '{game}' is in use by another orleans-gan command", errors);
            Assert.Contains("failed: ", errors);
        }

        // The run folder alone is enough to continue the game, exactly as the unstopped sweep played it.
        var (resumed, said, resumeErrors) = await CommandLine.InvokeAsync("resume", "--run", game);
        Assert.True(resumed == 0, said + resumeErrors);
        Assert.Contains($"game {id} resumed after round", said);
        var name = Path.GetFileName(game);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(whole, "games", name, "rounds.csv")), await File.ReadAllTextAsync(Path.Combine(game, "rounds.csv")));

        // The sweep's rerun counts the resumed game as done, as it does the other (played by the refused rerun above).
        (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", file, "--out", stopped, "--parallel", "1");
        Assert.True(exit == 0, output + errors);
        Assert.Contains("2 already done, 0 to play", output);
        foreach (var folder in Directory.GetDirectories(Path.Combine(whole, "games")).Select(Path.GetFileName))
        {
            Assert.Equal(
                await File.ReadAllTextAsync(Path.Combine(whole, "games", folder!, "rounds.csv")),
                await File.ReadAllTextAsync(Path.Combine(stopped, "games", folder!, "rounds.csv")));
        }

        Assert.Equal(Figures(Path.Combine(whole, "results.csv")), Figures(Path.Combine(stopped, "results.csv")));
    }

    // results.csv without the two columns two sweeps of the same games do not share: the game ids (each sweep has its
    // own) and the measured speed.
    private static List<string> Figures(string csv)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        var kept = Enumerable.Range(0, header.Length).Where(i => header[i] is not ("game_id" or "rounds_per_second")).ToList();
        return lines.Select(l => string.Join(',', kept.Select(i => l.Split(',')[i]))).ToList();
    }
}
