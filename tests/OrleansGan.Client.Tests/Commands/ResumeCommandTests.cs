namespace OrleansGan.Client.Tests.Commands;

/// <summary>resume continues an embedded run from its folder's last checkpoint, reproducing the rounds after it.</summary>
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
        var (exit, output) = await CommandLine.InvokeAsync("run", "--rounds", "60", "--batch", "32", "--protocol", "extragradient",
            "--g-hidden", "16", "--d-hidden", "16", "--eval-every", "30", "--eval-samples", "200", "--set", "checkpoint.every=25", "--out", _folder);
        Assert.True(exit == 0, output);
        var original = await File.ReadAllTextAsync(Path.Combine(_folder, "rounds.csv"));
        Assert.True(File.Exists(Path.Combine(_folder, "checkpoints", (await File.ReadAllTextAsync(Path.Combine(_folder, "game-id.txt"))).Trim(), "checkpoint.bin")));

        // The last checkpoint is round 50: rounds 51-60 are played again and must come out the same.
        var (again, resumed) = await CommandLine.InvokeAsync("resume", "--run", _folder);
        Assert.True(again == 0, resumed);
        Assert.Contains("resumed after round 50", resumed);
        Assert.Equal(original, await File.ReadAllTextAsync(Path.Combine(_folder, "rounds.csv")));
    }

    [Fact]
    public async Task A_folder_that_is_not_a_run_is_refused()
    {
        Directory.CreateDirectory(_folder);
        var (exit, output) = await CommandLine.InvokeAsync("resume", "--run", _folder);
        Assert.Equal(2, exit);
        Assert.Contains("has no game-id.txt", output);
    }
}
