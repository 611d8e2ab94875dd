namespace OrleansGan.Client.Tests.Commands;

/// <summary>
/// resume continues an embedded run from its folder's last checkpoint, reproducing the rounds (and the in-game
/// diagnoses) after it.
/// </summary>
public class ResumeCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansgan-resume-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Resuming_a_run_folder_replays_the_rounds_after_its_checkpoint()
    {
        var (exit, output, errors) = await CommandLine.InvokeAsync("run", "--rounds", "60", "--batch", "32", "--protocol", "extragradient",
            "--g-hidden", "16", "--d-hidden", "16", "--eval-every", "30", "--eval-samples", "200", "--set", "checkpoint.every=25", "--out", _folder);
        Assert.True(exit == 0, output + errors);
        var original = await File.ReadAllTextAsync(Path.Combine(_folder, "rounds.csv"));
        Assert.True(File.Exists(Path.Combine(_folder, "checkpoints", (await File.ReadAllTextAsync(Path.Combine(_folder, "game-id.txt"))).Trim(), "checkpoint.bin")));

        // The last checkpoint is round 50: rounds 51-60 are played again and must come out the same.
        var (again, resumed, resumeErrors) = await CommandLine.InvokeAsync("resume", "--run", _folder);
        Assert.True(again == 0, resumed + resumeErrors);
        Assert.Contains("resumed after round 50", resumed);
        Assert.Equal(original, await File.ReadAllTextAsync(Path.Combine(_folder, "rounds.csv")));
    }

    [Fact]
    public async Task A_resumed_game_takes_up_its_diagnosis_log_and_diagnoses_again_as_the_game_did()
    {
        var (exit, output, errors) = await CommandLine.InvokeAsync(["run", "--rounds", "60", "--batch", "32", "--g-hidden", "16", "--d-hidden", "16",
            "--eval-every", "30", "--eval-samples", "200", "--set", "checkpoint.every=25", .. CheapDiagnosis.Flags(20), "--out", _folder]);
        Assert.True(exit == 0, output + errors);
        var series = await File.ReadAllTextAsync(Path.Combine(_folder, "diagnoses.csv"));
        var pathAngle = Path.Combine(_folder, "diagnosis-round-000060", "path-angle.csv");
        var path = await File.ReadAllTextAsync(pathAngle);
        Directory.Delete(Path.GetDirectoryName(pathAngle)!, recursive: true);

        // From the checkpoint of round 50, which counts the diagnoses of rounds 20 and 40: round 60 is diagnosed again
        // (and, its folder gone, drawn again), its path-angle from round 40's point, found in the diagnosis log; the
        // series holds each diagnosis once.
        var (again, resumed, resumeErrors) = await CommandLine.InvokeAsync("resume", "--run", _folder);
        Assert.True(again == 0, resumed + resumeErrors);
        Assert.Contains("resumed after round 50", resumed);
        Assert.Equal(series, await File.ReadAllTextAsync(Path.Combine(_folder, "diagnoses.csv")));
        Assert.Equal(["20", "40", "60"], series.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')[0]));
        Assert.Equal(path, await File.ReadAllTextAsync(pathAngle));
    }

    [Fact]
    public async Task A_folder_that_is_not_a_run_is_refused()
    {
        Directory.CreateDirectory(_folder);
        var (exit, output, errors) = await CommandLine.InvokeAsync("resume", "--run", _folder);
        Assert.Equal(2, exit);
        Assert.Contains("has no game-id.txt", errors);
        Assert.Equal("", output);
    }
}
