using System.Diagnostics;

namespace OrleansGan.Cluster.Tests.Sweeps;

/// <summary>
/// The command line (orleans-gan) as its own process, as a user runs it: its output collected, a line awaited, its
/// exit code, or SIGKILL in the middle of a command.
/// </summary>
internal sealed class ClientProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly List<(Func<IReadOnlyList<string>, bool> Condition, TaskCompletionSource Seen)> _awaited = [];

    private ClientProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Everything it printed so far, standard output (results) and standard error (what went wrong) interleaved.</summary>
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

    /// <summary>Starts <c>orleans-gan <paramref name="args"/></c> in <paramref name="folder"/>.</summary>
    public static ClientProcess Start(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "orleans-gan.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["OMP_NUM_THREADS"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start orleans-gan");
        var client = new ClientProcess(process);
        process.OutputDataReceived += (_, e) => client.Observe(e.Data);
        process.ErrorDataReceived += (_, e) => client.Observe(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = client.FailWaitersOnExitAsync();
        return client;
    }

    /// <summary>Runs <c>orleans-gan <paramref name="args"/></c> to its end; its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string folder, TimeSpan limit, params string[] args)
    {
        await using var client = Start(folder, args);
        return (await client.ExitAsync(limit), client.Output);
    }

    /// <summary>
    /// Completes once <paramref name="count"/> lines of its output contain <paramref name="text"/>; fails, with its
    /// output, if it exits first.
    /// </summary>
    public Task Printed(string text, int count = 1)
    {
        lock (_output)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            bool Condition(IReadOnlyList<string> lines) => lines.Count(l => l.Contains(text, StringComparison.Ordinal)) >= count;
            if (Condition(_output))
            {
                seen.SetResult();
            }
            else if (_process.HasExited)
            {
                seen.SetException(Exited(text));
            }
            else
            {
                _awaited.Add((Condition, seen));
            }

            return seen.Task;
        }
    }

    /// <summary>Its exit code, once it exits (at most <paramref name="limit"/>, else it is killed and the test fails).</summary>
    public async Task<int> ExitAsync(TimeSpan limit)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            await KillAsync();
            throw new TimeoutException($"orleans-gan did not end within {limit}:\n{Output}");
        }

        // The asynchronous readers may still hold its last lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the client dies at once; what it left on disk and on the cluster is all that remains.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task FailWaitersOnExitAsync()
    {
        await _process.WaitForExitAsync();
        lock (_output)
        {
            foreach (var (_, seen) in _awaited)
            {
                seen.TrySetException(Exited("the awaited line"));
            }

            _awaited.Clear();
        }
    }

    private InvalidOperationException Exited(string awaited) =>
        new($"orleans-gan exited ({_process.ExitCode}) before printing {awaited}:\n{string.Join('\n', _output)}");

    private void Observe(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
            foreach (var awaited in _awaited.Where(a => a.Condition(_output)).ToList())
            {
                awaited.Seen.TrySetResult();
                _awaited.Remove(awaited);
            }
        }
    }
}
