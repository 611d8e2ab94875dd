using System.Diagnostics;

namespace OrleansGan.Cluster.Tests;

/// <summary>A silo host running as its own process on loopback ports, started from the built silo project.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private SiloProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Starts a silo and waits for it to say it is ready.</summary>
    public static async Task<SiloProcess> StartAsync(int siloPort, int gatewayPort, string checkpoints, params string[] settings)
    {
        var silo = Path.Combine(AppContext.BaseDirectory, "orleans-gan-silo.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { silo, "--Silo:SiloPort", $"{siloPort}", "--Silo:GatewayPort", $"{gatewayPort}", "--Checkpoints:Path", checkpoints, "--Telemetry:Port", "0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the silo process");
        var handle = new SiloProcess(process);
        process.OutputDataReceived += (_, e) => handle.Observe(e.Data);
        process.ErrorDataReceived += (_, e) => handle.Observe(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(handle._ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
        if (finished != handle._ready.Task)
        {
            await handle.DisposeAsync();
            throw new InvalidOperationException("the silo process did not become ready:\n" + handle.Output);
        }

        return handle;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>SIGKILL: no shutdown, no flushing; what is on disk is all that survives.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Observe(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (line.Contains("OrleansGan silo ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
