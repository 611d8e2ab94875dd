using OrleansGan.Telemetry.Tests.Silo;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>
/// Ctrl+C asks a run to stop after its round in progress; a second one ends the process at once (Program.cs). A real
/// process, because only a real signal reaches the hosts' lifetimes, which used to swallow the second one.
/// </summary>
public sealed class SecondInterruptTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansgan-interrupt-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_ctrl_c_ends_the_run_without_waiting_for_its_round()
    {
        // Rounds of ~3.5 TFLOP: tens of seconds each on one core, far longer than the exit may take.
        // A terminal's Ctrl+C: a test run started in the background (as CI may start it) passes on SIGINT ignored,
        // and .NET keeps an inherited SIG_IGN for it, so the client starts with SIGINT at its default (coreutils env).
        await using var run = ChildProcess.Start("env", ["--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "orleans-gan.dll"), "run",
            "--rounds", "100", "--batch", "8192", "--g-hidden", "4096,4096", "--d-hidden", "4096,4096", "--out", _folder]);
        await run.WaitForLineAsync("on the embedded silo", TimeSpan.FromMinutes(2));

        run.Interrupt();

        // Two signals sent back to back may reach the process as one; nothing it prints marks the first one's arrival.
        await Task.Delay(TimeSpan.FromSeconds(1));
        run.Interrupt();
        var exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(130, exit);
        Assert.DoesNotContain("state: cancelled", run.Output);
    }
}
