using OrleansGan.Client.Tests.Commands;
using System.Diagnostics;

namespace OrleansGan.Cluster.Tests;

/// <summary>A real Redis server on a loopback port, for Redis membership; the binary comes from .ci/install-redis.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var binary = await InstallAsync();
        var port = FreePorts.Next();
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-server");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30))) != ready.Task)
        {
            process.Kill();
            throw new InvalidOperationException($"redis-server did not become ready on port {port}");
        }

        return new RedisServer(process, port);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task<string> InstallAsync()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OrleansGan.sln")))
        {
            root = root.Parent;
        }

        var script = Path.Combine(root?.FullName ?? throw new InvalidOperationException("the repository root is not above the test binaries"), ".ci", "install-redis");
        var start = new ProcessStartInfo("bash") { ArgumentList = { script }, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(15));
        var path = (await output).Trim();
        return process.ExitCode == 0 && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{script} could not provide redis-server (exit {process.ExitCode}): {await error}");
    }
}
