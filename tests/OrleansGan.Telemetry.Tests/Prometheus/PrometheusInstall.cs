using System.Diagnostics;

namespace OrleansGan.Telemetry.Tests.Prometheus;

/// <summary>
/// A Prometheus server binary for the tests: the one on PATH, or Debian's `prometheus` package installed by
/// .ci/install-prometheus (which CI also runs before the tests) when this is root with apt-get.
/// </summary>
internal static class PrometheusInstall
{
    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    /// <summary>Why no Prometheus can be had here (nothing on PATH, and no root or apt-get to install one); null when it can.</summary>
    public static string? WhyNot()
    {
        if (OnPath("prometheus") is not null)
        {
            return null;
        }

        if (!OperatingSystem.IsLinux())
        {
            return "no prometheus binary on PATH, and installing one is only automated on Debian-like Linux";
        }

        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root")
        {
            return "no prometheus binary on PATH, and this is not root, so Debian's package cannot be installed (apt-get install prometheus)";
        }

        return OnPath("apt-get") is null ? "no prometheus binary on PATH, and no apt-get here to install Debian's package" : null;
    }

    /// <summary>The binary's path, installing the package once per test run if need be.</summary>
    public static Task<string> BinaryAsync() => Installed.Value;

    /// <summary>promtool, which comes in the same package.</summary>
    public static async Task<string> PromtoolAsync() =>
        Path.Combine(Path.GetDirectoryName(await BinaryAsync())!, "promtool");

    private static async Task<string> InstallAsync()
    {
        var script = RepositoryFiles.PathOf(".ci", "install-prometheus");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(15));
        var path = (await output).Trim();
        if (process.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException($"{script} could not provide Prometheus (exit {process.ExitCode}): {await error}");
        }

        return path;
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
