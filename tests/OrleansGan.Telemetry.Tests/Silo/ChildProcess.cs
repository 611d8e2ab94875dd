using System.Diagnostics;
using System.Text;

namespace OrleansGan.Telemetry.Tests.Silo;

/// <summary>
/// A process this test started: its output is collected (interleaved, and each stream apart), a line it prints can be
/// awaited, and disposing it kills the process (and only it and its children) by its handle.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();
    private readonly StringBuilder _standardError = new();
    private readonly Lock _lock = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Received(e.Data, _standardOutput);
        _process.ErrorDataReceived += (_, e) => Received(e.Data, _standardError);
        _process.Exited += (_, _) => _exited.TrySetResult();
    }

    /// <summary>Everything the process printed so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>What the process printed so far on its standard output alone.</summary>
    public string StandardOutput
    {
        get
        {
            lock (_lock)
            {
                return _standardOutput.ToString();
            }
        }
    }

    /// <summary>What the process printed so far on its standard error alone.</summary>
    public string StandardError
    {
        get
        {
            lock (_lock)
            {
                return _standardError.ToString();
            }
        }
    }

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Completes when the process prints a line containing <paramref name="text"/>; fails if it exits first or
    /// the time runs out, with what it printed.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan limit)
    {
        TaskCompletionSource seen;
        lock (_lock)
        {
            seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            _awaited.Add((text, seen));
        }

        var first = await Task.WhenAny(seen.Task, _exited.Task, Task.Delay(limit));
        if (first == _exited.Task)
        {
            // The last lines may still be on their way: wait for the output to close, then look again.
            await _process.WaitForExitAsync();
        }

        if (seen.Task.IsCompleted || Output.Contains(text, StringComparison.Ordinal))
        {
            return;
        }

        var why = first == _exited.Task ? $"exited with code {_process.ExitCode}" : $"did not print it within {limit.TotalSeconds:0} s";
        throw new InvalidOperationException($"waiting for '{text}' from {_process.StartInfo.FileName}: it {why}. Its output:\n{Output}");
    }

    /// <summary>Sends the process SIGINT, as Ctrl+C in its terminal would.</summary>
    public void Interrupt()
    {
        // .NET's Process can only kill; bash's kill builtin sends any signal.
        using var kill = Process.Start("bash", ["-c", $"kill -INT {_process.Id}"]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -INT {_process.Id} failed with exit code {kill.ExitCode}");
        }
    }

    /// <summary>Waits for the process to exit and its output to close; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{_process.StartInfo.FileName} did not exit within {limit.TotalSeconds:0.#} s. Its output:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Received(string? line, StringBuilder stream)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _output.AppendLine(line);
            stream.AppendLine(line);
            foreach (var (text, seen) in _awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)).ToArray())
            {
                seen.TrySetResult();
                _awaited.Remove((text, seen));
            }
        }
    }
}
