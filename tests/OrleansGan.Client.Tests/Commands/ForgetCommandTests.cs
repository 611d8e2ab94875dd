using OrleansGan.Client.Tests.BadInput;
using OrleansGan.Core.Checkpoints;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>
/// <c>forget</c> on an embedded run's and sweep's folders: the games' stored data goes, their results stay; an
/// interrupted game is refused with every file left; forgetting again says there is nothing; bad input exits 2.
/// </summary>
public sealed class ForgetCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Forgetting_a_run_folder_removes_its_stored_game_and_keeps_its_results()
    {
        var folder = _temp.Sub("run");
        var played = await CommandLine.InvokeAsync("run", "--rounds", "20", "--batch", "16", "--g-hidden", "8", "--d-hidden", "8",
            "--eval-every", "10", "--eval-samples", "64", "--set", "checkpoint.every=10", "--out", folder);
        Assert.True(played.ExitCode == 0, played.ToString());
        var id = (await File.ReadAllTextAsync(Path.Combine(folder, "game-id.txt"))).Trim();
        var checkpoints = Path.Combine(folder, "checkpoints");
        Assert.True(File.Exists(Path.Combine(GameFolder.Of(checkpoints, id), "checkpoint.bin")));
        var results = TempFolder.Fingerprint(folder).Where(f => !f.Key.StartsWith("checkpoints", StringComparison.Ordinal)).ToList();

        var (forgot, said, _) = await CommandLine.InvokeAsync("forget", "--run", folder);
        Assert.True(forgot == 0, said);
        Assert.Contains($"forgotten: game {id} (finished)", said);
        Assert.False(Directory.Exists(GameFolder.Of(checkpoints, id)));
        Assert.DoesNotContain(Directory.EnumerateFiles(checkpoints, "*", SearchOption.AllDirectories), f => f.Contains(id, StringComparison.Ordinal) && !f.EndsWith(".lock", StringComparison.Ordinal));
        Assert.Equal(results, TempFolder.Fingerprint(folder).Where(f => !f.Key.StartsWith("checkpoints", StringComparison.Ordinal)).ToList());

        var (again, answer, _) = await CommandLine.InvokeAsync("forget", "--run", folder);
        Assert.True(again == 0, answer);
        Assert.Contains($"not stored: game {id}", answer);

        // A folder whose game did not end (here: its summary gone, as a killed client leaves it) is refused untouched.
        File.Delete(Path.Combine(folder, "summary.txt"));
        var before = TempFolder.Fingerprint(folder);
        var (refused, counted, why) = await CommandLine.InvokeAsync("forget", "--run", folder);
        Assert.Equal(2, refused);
        Assert.Contains($"refused: game {id}", why);
        Assert.DoesNotContain("refused: game", counted);
        Assert.Contains("0 forgotten, 0 not stored, 1 refused", counted);
        Assert.Equal(before, TempFolder.Fingerprint(folder));
    }

    [Fact]
    public async Task Forgetting_a_diagnosed_run_removes_the_checkpoints_its_diagnoses_kept()
    {
        var folder = _temp.Sub("diagnosed");
        var played = await CommandLine.InvokeAsync(["run", "--rounds", "20", "--batch", "16", "--g-hidden", "8", "--d-hidden", "8",
            "--eval-every", "10", "--eval-samples", "64", "--set", "checkpoint.every=10", .. CheapDiagnosis.Flags(10), "--out", folder]);
        Assert.True(played.ExitCode == 0, played.ToString());
        var id = (await File.ReadAllTextAsync(Path.Combine(folder, "game-id.txt"))).Trim();
        var checkpoints = Path.Combine(folder, "checkpoints");
        var kept = new[] { 10, 20 }.Select(r => GameFolder.Of(checkpoints, SnapshotKeys.Of(id, r))).ToList();
        Assert.All(kept, k => Assert.True(File.Exists(Path.Combine(k, "checkpoint.bin")), $"{k}: no kept checkpoint"));

        var forgot = await CommandLine.InvokeAsync("forget", "--run", folder);
        Assert.True(forgot.ExitCode == 0, forgot.ToString());
        Assert.All(kept, k => Assert.False(Directory.Exists(k), $"{k} is still there"));
        Assert.False(Directory.Exists(GameFolder.Of(checkpoints, id)));
        Assert.True(File.Exists(Path.Combine(folder, "diagnoses.csv")), "the run's own results stay");
    }

    [Fact]
    public async Task Forgetting_a_sweep_folder_forgets_every_game_of_it()
    {
        var file = _temp.Sub("tiny-forget.yaml");
        Directory.CreateDirectory(_temp.Path);
        await File.WriteAllTextAsync(file, """
            name: tiny-forget
            spec:
              rounds: 20
              batchSize: 16
              generator: { hidden: [8] }
              discriminator: { hidden: [8] }
              evaluation: { every: 10, samples: 64 }
              checkpoint: { every: 10 }
            axes:
              seed: 1..2
            """);
        var folder = _temp.Sub("sweep");
        var swept = await CommandLine.InvokeAsync("sweep", "--file", file, "--out", folder, "--parallel", "1");
        Assert.True(swept.ExitCode == 0, swept.ToString());
        var games = Directory.GetDirectories(Path.Combine(folder, "games"));
        Assert.Equal(2, games.Length);
        Assert.All(games, g => Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(g, "checkpoints"), "checkpoint.bin", SearchOption.AllDirectories)));
        var csv = await File.ReadAllTextAsync(Path.Combine(folder, "results.csv"));

        var (forgot, said, _) = await CommandLine.InvokeAsync("forget", "--sweep", folder);
        Assert.True(forgot == 0, said);
        Assert.Contains("2 forgotten, 0 not stored, 0 refused", said);
        Assert.All(games, g => Assert.Empty(Directory.EnumerateFiles(Path.Combine(g, "checkpoints"), "*.bin", SearchOption.AllDirectories)));
        Assert.Equal(csv, await File.ReadAllTextAsync(Path.Combine(folder, "results.csv")));
    }

    [Theory]
    [InlineData("no selection", new[] { "forget" }, "name the games")]
    [InlineData("ids without a cluster", new[] { "forget", "game-1" }, "--cluster: game ids name games on a cluster")]
    [InlineData("an id with a space", new[] { "forget", "a b", "--cluster", "127.0.0.1:1" }, "is not a game id")]
    [InlineData("a bad date", new[] { "forget", "--cluster", "127.0.0.1:1", "--finished-before", "yesterday" }, "'yesterday' is not a date")]
    [InlineData("a date with ids", new[] { "forget", "game-1", "--cluster", "127.0.0.1:1", "--finished-before", "2026-12-01" }, "--finished-before: takes the games")]
    [InlineData("a date without a cluster", new[] { "forget", "--finished-before", "2026-12-01" }, "needs --cluster")]
    public async Task Bad_input_exits_2_naming_what_is_wrong(string what, string[] args, string expected)
    {
        var printed = await CommandLine.InvokeAsync(args);
        Assert.True(printed.ExitCode == 2, $"{what}: {printed}");
        Assert.Contains(expected, printed.Errors);
    }

    [Fact]
    public async Task Folders_that_are_not_runs_or_sweeps_are_refused()
    {
        Directory.CreateDirectory(_temp.Sub("empty"));
        var (run, _, runSaid) = await CommandLine.InvokeAsync("forget", "--run", _temp.Sub("empty"));
        Assert.Equal(2, run);
        Assert.Contains("has no game-id.txt", runSaid);
        var (sweep, _, sweepSaid) = await CommandLine.InvokeAsync("forget", "--sweep", _temp.Sub("empty"));
        Assert.Equal(2, sweep);
        Assert.Contains("is not a sweep folder", sweepSaid);
        var (missing, _, missingSaid) = await CommandLine.InvokeAsync("forget", "--sweep", _temp.Sub("missing"));
        Assert.Equal(2, missing);
        Assert.Contains("does not exist", missingSaid);
    }
}
