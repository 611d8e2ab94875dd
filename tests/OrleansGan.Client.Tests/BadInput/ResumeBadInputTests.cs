using OrleansGan.Client.Runs;
using OrleansGan.Client.Tests.Commands;

namespace OrleansGan.Client.Tests.BadInput;

/// <summary>
/// A resume that cannot go on (no checkpoint yet, a damaged, truncated, empty or foreign one, an edited spec.json, a
/// bad game-id.txt) says why in one line, exits 2 and leaves every file of the run folder as it was; a resume that
/// starts but stops before catching up keeps the folder's record. Before, rounds.csv and evaluations.csv were cut to
/// their headers before anything was checked.
/// </summary>
public sealed class ResumeBadInputTests : IDisposable
{
    private static readonly string[] Small = ["--batch", "32", "--g-hidden", "16", "--d-hidden", "16", "--eval-samples", "200"];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Ctrl_c_before_the_first_checkpoint_then_resume_loses_no_round()
    {
        // The likeliest case: the first checkpoint is far off and the user stops the game before it. The progress
        // line shows J_D once rounds have been played (and written).
        var output = new WatchedWriter();
        var errors = new StringWriter();
        using var ctrlC = new CancellationTokenSource();
        var run = CommandLine.InvokeAsync(output, errors, ctrlC.Token, ["run", "--rounds", "200000", "--eval-every", "100", "--set", "checkpoint.every=100000", .. Small, "--out", _folder.Path]);
        await output.Printed("J_D ");
        await ctrlC.CancelAsync();
        Assert.True(await run == 130, $"{output}{errors}");
        var recorded = RunFolder.RecordedRounds(_folder.Path);
        Assert.InRange(recorded, 1, 99_999);
        var before = TempFolder.Fingerprint(_folder.Path);

        var (exit, _, text) = await CommandLine.InvokeAsync("resume", "--run", _folder.Path);
        Assert.True(exit == 2, text);
        Assert.Contains($"has no checkpoint (its first was due at round 100000; rounds.csv holds {recorded} rounds); nothing was changed. 'resume --restart' plays it again from round 0", text);
        Assert.Equal(before, TempFolder.Fingerprint(_folder.Path));
    }

    public static TheoryData<string> Damage => new() { "flipped", "truncated", "empty", "foreign", "missing", "another spec" };

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task A_checkpoint_that_cannot_be_resumed_leaves_the_folder_as_it_was(string damage)
    {
        var (_, checkpoint) = await PlayAsync(_folder.Path, "60", "25");
        var bytes = await File.ReadAllBytesAsync(checkpoint);
        string expected;
        switch (damage)
        {
            case "flipped":
                bytes[bytes.Length / 2] ^= 0x10;
                await File.WriteAllBytesAsync(checkpoint, bytes);
                expected = "the checkpoint is damaged or truncated (its checksum does not match); nothing was changed";
                break;
            case "truncated":
                await File.WriteAllBytesAsync(checkpoint, bytes[..(bytes.Length / 3)]);
                expected = "damaged or truncated";
                break;
            case "empty":
                await File.WriteAllBytesAsync(checkpoint, []);
                expected = "not an OrleansGan checkpoint; nothing was changed";
                break;
            case "foreign":
                await File.WriteAllTextAsync(checkpoint, "this is a note, not a checkpoint");
                expected = "not an OrleansGan checkpoint";
                break;
            case "missing":
                File.Delete(checkpoint);
                expected = "has no checkpoint (its first was due at round 25; rounds.csv holds 60 rounds)";
                break;
            default:
                // Another game's intact checkpoint: its spec is not this folder's.
                var (_, other) = await PlayAsync(_folder.Sub("other"), "30", "10", "--seed", "7");
                File.Copy(other, checkpoint, overwrite: true);
                Directory.Delete(_folder.Sub("other"), recursive: true);
                expected = "spec.json differs from the spec of the checkpoint (fields: seed, rounds, checkpoint)";
                break;
        }

        var before = TempFolder.Fingerprint(_folder.Path);
        var (exit, _, text) = await CommandLine.InvokeAsync("resume", "--run", _folder.Path);
        Assert.True(exit == 2, text);
        Assert.StartsWith("error: --run: ", text, StringComparison.Ordinal);
        Assert.Contains(expected, text);
        Assert.Single(text.Trim().Split('\n'));
        Assert.Equal(before, TempFolder.Fingerprint(_folder.Path));
    }

    public static TheoryData<string, string, string> BadFolderFiles => new()
    {
        { RunFolder.GameIdFile, "", "the game id is empty" },
        { RunFolder.GameIdFile, "two words\n", "is not a game id" },
        { RunFolder.GameIdFile, "\u0001\u0002", "is not a game id" },
        { RunFolder.SpecFile, "{ \"rounds\": ", "not valid YAML" },
        { RunFolder.SpecFile, "rounds: 12.5\n", "rounds: must be a whole number (got 12.5)" },
        { RunFolder.SpecFile, "a: &a [1, *a]\n", "alias *a refers to the value that contains it" },
    };

    [Theory]
    [MemberData(nameof(BadFolderFiles))]
    public async Task A_bad_game_id_or_spec_file_is_refused_naming_the_file(string file, string text, string problem)
    {
        await PlayAsync(_folder.Path, "30", "10");
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, file), text);
        var before = TempFolder.Fingerprint(_folder.Path);
        var (exit, _, errors) = await CommandLine.InvokeAsync("resume", "--run", _folder.Path);
        Assert.True(exit == 2, errors);
        Assert.Contains(Path.Combine(_folder.Path, file), errors);
        Assert.Contains(problem, errors);
        Assert.Equal(before, TempFolder.Fingerprint(_folder.Path));
    }

    [Fact]
    public async Task A_run_that_is_a_file_or_does_not_exist_is_refused()
    {
        Directory.CreateDirectory(_folder.Path);
        var file = _folder.Sub("file");
        await File.WriteAllTextAsync(file, "x");
        Assert.Contains("is a file, not a run folder", (await CommandLine.InvokeAsync("resume", "--run", file)).Errors);
        var (exit, _, errors) = await CommandLine.InvokeAsync("resume", "--run", _folder.Sub("nowhere"));
        Assert.Equal(2, exit);
        Assert.Contains("does not exist", errors);
    }

    [Fact]
    public async Task A_resume_stopped_before_it_caught_up_keeps_the_folders_record()
    {
        await PlayAsync(_folder.Path, "1990", "500");
        var before = TempFolder.Fingerprint(_folder.Path);

        // The checkpoint is at round 1500: stop the resumed game at once, long before it replays round 1990.
        var output = new WatchedWriter();
        var errors = new StringWriter();
        using var ctrlC = new CancellationTokenSource();
        var resume = CommandLine.InvokeAsync(output, errors, ctrlC.Token, "resume", "--run", _folder.Path);
        await output.Printed("resumed after round 1500");
        await ctrlC.CancelAsync();
        Assert.True(await resume == 130, $"{output}{errors}");
        Assert.Contains("before the 1990 rounds the folder already held: its CSV files, curves and summary are kept as they were", errors.ToString());
        var after = TempFolder.Fingerprint(_folder.Path);

        // Pictures of replayed evaluations are drawn again (the same pictures); the checkpoint may be rewritten; the record is not touched.
        foreach (var name in new[] { RunFolder.RoundsFile, RunFolder.EvaluationsFile, RunFolder.SummaryFile, "curves.png", RunFolder.SpecFile, RunFolder.GameIdFile })
        {
            Assert.Equal(before[name], after[name]);
        }

        Assert.DoesNotContain(after.Keys, k => k.EndsWith(".resumed", StringComparison.Ordinal) || k.Contains(".writing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_resume_on_a_folder_its_running_game_writes_is_refused_and_changes_nothing()
    {
        // The game's own `run` is still playing (past its first checkpoint) when a second terminal resumes the folder.
        var output = new WatchedWriter();
        var errors = new StringWriter();
        using var ctrlC = new CancellationTokenSource();
        var run = CommandLine.InvokeAsync(output, errors, ctrlC.Token, ["run", "--rounds", "200000", "--eval-every", "100", "--set", "checkpoint.every=20", .. Small, "--out", _folder.Path]);
        await output.Printed("J_D ");
        var before = TempFolder.Fingerprint(_folder.Path).Where(f => !f.Key.StartsWith("checkpoints", StringComparison.Ordinal) && !f.Key.EndsWith(".csv", StringComparison.Ordinal)).ToList();

        var (exit, _, text) = await CommandLine.InvokeAsync("resume", "--run", _folder.Path);
        Assert.True(exit == 2, text);
        Assert.Contains($"error: --run: '{_folder.Path}' is in use by another orleans-gan command", text);
        Assert.Single(text.Trim().Split('\n'));
        var restart = await CommandLine.InvokeAsync("resume", "--run", _folder.Path, "--restart");
        Assert.Equal(2, restart.ExitCode);
        Assert.Contains("is in use by another orleans-gan command", restart.Errors);

        // The running game was not disturbed: it plays on and stops cleanly.
        Assert.False(run.IsCompleted, $"{output}{errors}");
        await ctrlC.CancelAsync();
        Assert.True(await run == 130, $"{output}{errors}");
        var after = TempFolder.Fingerprint(_folder.Path);
        Assert.All(before.Where(f => f.Key != RunFolder.SummaryFile), f => Assert.Equal(f.Value, after[f.Key]));

        // Once the run has let go, the folder resumes.
        var resumed = new WatchedWriter();
        var resumeErrors = new StringWriter();
        using var stop = new CancellationTokenSource();
        var resume = CommandLine.InvokeAsync(resumed, resumeErrors, stop.Token, "resume", "--run", _folder.Path);
        await resumed.Printed("resumed after round ");
        await stop.CancelAsync();
        Assert.True(await resume == 130, $"{resumed}{resumeErrors}");
    }

    [Fact]
    public async Task Restart_plays_a_game_without_checkpoint_again_and_is_refused_where_one_exists()
    {
        var played = await CommandLine.InvokeAsync(["run", "--rounds", "40", "--eval-every", "20", "--set", "checkpoint.every=0", .. Small, "--out", _folder.Path]);
        Assert.True(played.ExitCode == 0, played.ToString());
        var original = await File.ReadAllTextAsync(Path.Combine(_folder.Path, RunFolder.RoundsFile));

        var restarted = await CommandLine.InvokeAsync("resume", "--run", _folder.Path, "--restart");
        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        Assert.Contains("restarted from round 0", restarted.Output);
        Assert.Equal(original, await File.ReadAllTextAsync(Path.Combine(_folder.Path, RunFolder.RoundsFile)));

        var other = _folder.Sub("with-checkpoint");
        await PlayAsync(other, "30", "10");
        var refused = await CommandLine.InvokeAsync("resume", "--run", other, "--restart");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--restart: game", refused.Errors);
        Assert.Contains("restarting would overwrite it", refused.Errors);
        Assert.Contains("--restart: only an embedded run", (await CommandLine.InvokeAsync("resume", "--run", other, "--restart", "--cluster", "127.0.0.1:1")).Errors);
    }

    // Plays a short game into `folder`; returns its id and checkpoint path.
    private static async Task<(string Id, string Checkpoint)> PlayAsync(string folder, string rounds, string every, params string[] more)
    {
        var evaluations = int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture) > 100 ? "500" : "10";
        var played = await CommandLine.InvokeAsync(["run", "--rounds", rounds, "--eval-every", evaluations, "--set", $"checkpoint.every={every}", .. Small, .. more, "--out", folder]);
        Assert.True(played.ExitCode == 0, played.ToString());
        var id = (await File.ReadAllTextAsync(Path.Combine(folder, RunFolder.GameIdFile))).Trim();
        return (id, Path.Combine(folder, "checkpoints", id, "checkpoint.bin"));
    }
}
