using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansGan.Client.Commands;
using OrleansGan.Client.Tests.Commands;
using PuppeteerSharp;
using Spectre.Console;

namespace OrleansGan.Browser.Tests;

/// <summary>
/// The live page of a game as a person watches it: run --live-port, /games/{id} in headless Chromium while the game
/// plays. The round counter must advance, every image load, no console error appear; a screenshot is kept.
/// </summary>
public sealed partial class LivePageTests() : BrowserTest("live")
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_live_page_follows_a_running_game_with_its_pictures_loaded_and_no_console_error()
    {
        var port = FreePorts.Next();
        using var stop = new CancellationTokenSource();
        var output = new WatchedWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output) });
        var run = CommandLineApp.InvokeAsync(["run", "--name", "live-browser", "--rounds", "1000000", "--batch", "64", "--g-hidden", "32,32", "--d-hidden", "32,32",
            "--eval-every", "20", "--eval-samples", "512", "--live-port", $"{port}", "--out", Path.Combine(Folder, "run")], console, output, stop.Token);
        var live = $"http://127.0.0.1:{port}/games";
        var announced = await Task.WhenAny(output.Printed($"live page at {live}"), run, Task.Delay(Limit));
        Assert.True(announced != run && output.ToString().Contains($"live page at {live}"), $"the run did not announce {live}:\n{output}");
        var gameId = GameIdIn().Match(output.ToString()).Groups[1].Value;

        var problems = new List<string>();
        await using var page = await Browser.NewPageAsync();
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                problems.Add($"console: {e.Message.Text}");
            }
        };
        page.PageError += (_, e) => problems.Add($"page error: {e.Message}");
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });

        await page.GoToAsync(live, WaitUntilNavigation.Load);
        Assert.Contains(gameId, await page.GetContentAsync());
        await page.GoToAsync($"{live}/{gameId}", WaitUntilNavigation.DOMContentLoaded);

        // The counter advances while the game plays (the page's own events move it: awaited, not polled by the test).
        var wait = new WaitForFunctionOptions { Timeout = (int)Limit.TotalMilliseconds };
        await page.WaitForFunctionAsync("() => parseInt(document.getElementById('round').textContent) > 0", wait);
        var first = int.Parse((await page.EvaluateExpressionAsync<string>("document.getElementById('round').textContent")).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync($"() => parseInt(document.getElementById('round').textContent) > {first + 40}", wait);

        // The samples of an evaluation and curves drawn after it, both loaded.
        // Read in the same turn of the page as the check, since the page swaps in new pictures as the game plays.
        var shown = await page.WaitForFunctionAsync(
            "() => { const s = document.getElementById('samples'); const c = document.getElementById('curves'); " +
            "return !s.hidden && s.complete && s.naturalWidth > 0 && c.complete && c.naturalWidth > 0 && c.src.includes('round=') && " +
            "JSON.stringify(Array.from(document.images).map(i => ({ file: i.dataset.file, loaded: i.complete && i.naturalWidth > 0, width: i.naturalWidth, height: i.naturalHeight }))); }", wait);
        var json = await shown.JsonValueAsync<string>();
        var images = JsonSerializer.Deserialize<List<ImageState>>(json, Web)!;
        Assert.Equal(["curves.png", "samples.png"], images.Select(i => i.File));
        Assert.All(images, i => Assert.True(i.Loaded, $"{i.File} did not load"));
        Assert.Contains(images, i => i.File == "samples.png" && i.Width == 800 && i.Height == 800);

        var screenshot = Path.Combine(Folder, "live-page.png");
        await page.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
        Assert.Empty(problems);
        Assert.True(new FileInfo(screenshot).Length > 20_000, "the screenshot is nearly empty");
        if (Environment.GetEnvironmentVariable("ORLEANSGAN_SCREENSHOTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.Copy(screenshot, Path.Combine(keep, "live-page.png"), overwrite: true);
        }

        await stop.CancelAsync();
        Assert.Equal(130, await run.WaitAsync(Limit));
    }

    [GeneratedRegex(@"game (live-browser-[^\s:]+):")]
    private static partial Regex GameIdIn();

    private sealed record ImageState(string File, bool Loaded, int Width, int Height);
}
