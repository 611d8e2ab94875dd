using System.Diagnostics;
using PuppeteerSharp;

namespace OrleansGan.Browser.Tests;

/// <summary>
/// Debian's headless Chromium, driven over the DevTools protocol: the one on this machine, or the package
/// .ci/install-chromium installs (which .ci/slow runs first). Never a browser downloaded by the test library.
/// </summary>
internal static class Chromium
{
    // Without the background-networking flags Chromium keeps trying to reach Google's hosts, which a closed network refuses.
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Starts a headless Chromium with an empty profile of its own.</summary>
    public static async Task<IBrowser> LaunchAsync(string profile) => await Puppeteer.LaunchAsync(new LaunchOptions
    {
        ExecutablePath = await BinaryAsync(),
        Headless = true,
        Args = Flags,
        UserDataDir = profile,
    });

    private static async Task<string> BinaryAsync()
    {
        if (File.Exists("/usr/bin/chromium"))
        {
            return "/usr/bin/chromium";
        }

        var script = Path.Combine(RepositoryRoot(), ".ci", "install-chromium");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(15));
        var path = (await output).Trim();
        return process.ExitCode == 0 && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{script} could not provide Chromium (exit {process.ExitCode}): {await error}");
    }

    /// <summary>The repository's root: the first folder above the tests that holds OrleansGan.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OrleansGan.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no OrleansGan.sln above {AppContext.BaseDirectory}");
    }
}
