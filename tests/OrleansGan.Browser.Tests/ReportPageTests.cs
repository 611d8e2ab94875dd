using System.Text.Json;
using OrleansGan.Client.Tests.Commands;
using PuppeteerSharp;

namespace OrleansGan.Browser.Tests;

/// <summary>
/// report.html as a person opens it: from disk, in headless Chromium, with no server. Every image must load (none
/// broken), the page must log no console error and fetch nothing, and a screenshot of it is kept.
/// </summary>
public sealed class ReportPageTests() : BrowserTest("report")
{
    [Fact]
    public async Task The_report_of_a_run_opens_from_disk_with_every_image_loaded_and_no_console_error()
    {
        var run = Path.Combine(Folder, "run");
        await Cli("run", "--rounds", "60", "--batch", "64", "--g-hidden", "32,32", "--d-hidden", "32,32", "--eval-every", "20",
            "--eval-samples", "256", "--set", "checkpoint.every=30", "--out", run);
        await Cli("report", "--run", run, "--frames", "4");

        var (images, problems) = await OpenAsync(Path.Combine(run, "report.html"), Path.Combine(run, "report-screenshot.png"));
        Assert.Empty(problems);
        Assert.Equal(["field-round-000060.png", "training.gif", "curves.png"], images.Select(i => i.File));
        Assert.All(images, i => Assert.True(i.Loaded, $"{i.File} did not load"));
        Assert.Contains(images, i => i.File == "field-round-000060.png" && i.Width == 1200 && i.Height == 800);

        var screenshot = await File.ReadAllBytesAsync(Path.Combine(run, "report-screenshot.png"));
        Assert.True(screenshot.Length > 20_000, $"the screenshot is {screenshot.Length} bytes");
        if (Environment.GetEnvironmentVariable("ORLEANSGAN_SCREENSHOTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.Copy(Path.Combine(run, "report-screenshot.png"), Path.Combine(keep, "report.png"), overwrite: true);
        }
    }

    [Fact]
    public async Task The_report_of_a_sweep_opens_from_disk_and_its_links_open_each_game_report()
    {
        var file = Path.Combine(Folder, "tiny.yaml");
        await File.WriteAllTextAsync(file, """
            name: tiny-browser
            spec:
              rounds: 20
              batchSize: 32
              generator: { hidden: [16] }
              discriminator: { hidden: [16] }
              evaluation: { every: 10, samples: 200 }
            axes:
              loss: [minimax, non-saturating]
            """);
        var sweep = Path.Combine(Folder, "sweep");
        await Cli("sweep", "--file", file, "--out", sweep, "--parallel", "1");

        var (images, problems) = await OpenAsync(Path.Combine(sweep, "report.html"), Path.Combine(sweep, "report-screenshot.png"));
        Assert.Empty(problems);
        Assert.Contains(images, i => i.File == "figure-modes_covered.png");
        Assert.All(images, i => Assert.True(i.Loaded, $"{i.File} did not load"));

        // Each game's link, followed in the browser, opens that game's report with its pictures loaded.
        await using var page = await Browser.NewPageAsync();
        await page.GoToAsync(new Uri(Path.Combine(sweep, "report.html")).AbsoluteUri, WaitUntilNavigation.Load);
        var links = await page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('a.game-report')).map(a => a.href)");
        Assert.Equal(2, links.Length);
        foreach (var link in links)
        {
            var (game, gameProblems) = await OpenAsync(new Uri(link).LocalPath, Path.Combine(Folder, "game-screenshot.png"));
            Assert.Empty(gameProblems);
            Assert.Contains(game, i => i.File == "field-round-000020.png" && i.Width == 1200);
            Assert.All(game, i => Assert.True(i.Loaded, $"{link}: {i.File} did not load"));
        }

        if (Environment.GetEnvironmentVariable("ORLEANSGAN_SCREENSHOTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.Copy(Path.Combine(sweep, "report-screenshot.png"), Path.Combine(keep, "sweep-report.png"), overwrite: true);
        }
    }

    [Fact]
    public async Task A_broken_image_and_a_script_error_are_seen()
    {
        // The checks above must be able to fail: a page with a broken picture and a failing script.
        var page = Path.Combine(Folder, "broken.html");
        await File.WriteAllTextAsync(page, "<!DOCTYPE html><html><body><img data-file=\"bad.png\" src=\"data:image/png;base64,AAAA\"><script>undefinedCall()</script></body></html>");
        var (images, problems) = await OpenAsync(page, Path.Combine(Folder, "broken.png"));
        Assert.False(Assert.Single(images).Loaded);
        Assert.Contains(problems, p => p.Contains("undefinedCall", StringComparison.Ordinal));
    }

    private async Task<(List<ImageState> Images, List<string> Problems)> OpenAsync(string file, string screenshot)
    {
        var problems = new List<string>();
        await using var page = await NewWatchedPageAsync(problems);
        page.RequestFailed += (_, e) => problems.Add($"request failed: {e.Request.Url}");
        await page.SetViewportAsync(new ViewPortOptions { Width = 1300, Height = 900 });
        await page.GoToAsync(new Uri(file).AbsoluteUri, WaitUntilNavigation.Load);
        var json = await page.EvaluateExpressionAsync<string>(
            "JSON.stringify(Array.from(document.images).map(i => ({ file: i.dataset.file, loaded: i.complete && i.naturalWidth > 0, width: i.naturalWidth, height: i.naturalHeight })))");
        await page.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
        var images = JsonSerializer.Deserialize<List<ImageState>>(json, Web)!;
        return (images, problems);
    }

    private static async Task Cli(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await CommandLine.InvokeAsync(output, errors, CancellationToken.None, args);
        Assert.True(exit == 0, $"{string.Join(' ', args)}: exit {exit}\n{output}{errors}");
    }

    private sealed record ImageState(string File, bool Loaded, int Width, int Height);
}
