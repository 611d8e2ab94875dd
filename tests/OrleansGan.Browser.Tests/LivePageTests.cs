using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansGan.Client.Tests.Commands;
using PuppeteerSharp;

namespace OrleansGan.Browser.Tests;

/// <summary>
/// The live page of a game as a person watches it: run --live-port, /games/{id} in headless Chromium while the game
/// plays. The round counter must advance, the field picture load and follow the evaluations, every image load, no
/// console error appear; a screenshot is kept.
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
        var errors = new StringWriter();
        var run = CommandLine.InvokeAsync(output, errors, stop.Token, ["run", "--name", "live-browser", "--rounds", "1000000", "--batch", "64", "--g-hidden", "32,32", "--d-hidden", "32,32",
            "--eval-every", "20", "--eval-samples", "512", "--live-port", $"{port}", "--out", Path.Combine(Folder, "run")]);
        var live = $"http://127.0.0.1:{port}/games";
        var announced = await Task.WhenAny(output.Printed($"live page at {live}"), run, Task.Delay(Limit));
        Assert.True(announced != run && output.ToString().Contains($"live page at {live}"), $"the run did not announce {live}:\n{output}{errors}");
        var gameId = GameIdIn().Match(output.ToString()).Groups[1].Value;

        var problems = new List<string>();
        await using var page = await NewWatchedPageAsync(problems);
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });

        await page.GoToAsync(live, WaitUntilNavigation.Load);
        Assert.Contains(gameId, await page.GetContentAsync());
        await page.GoToAsync($"{live}/{gameId}", WaitUntilNavigation.DOMContentLoaded);

        // The counter advances while the game plays (the page's own events move it: awaited, not polled by the test).
        var wait = new WaitForFunctionOptions { Timeout = (int)Limit.TotalMilliseconds };
        await page.WaitForFunctionAsync("() => parseInt(document.getElementById('round').textContent) > 0", wait);
        var first = int.Parse((await page.EvaluateExpressionAsync<string>("document.getElementById('round').textContent")).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync($"() => parseInt(document.getElementById('round').textContent) > {first + 40}", wait);

        // The field and samples of an evaluation and curves drawn after it, all loaded; no digits for 2-D data.
        // Read in the same turn of the page as the check, since the page swaps in new pictures as the game plays.
        const string State = "JSON.stringify(Array.from(document.images).map(i => ({ file: i.dataset.file, loaded: i.complete && i.naturalWidth > 0, " +
            "width: i.naturalWidth, height: i.naturalHeight, hidden: i.hidden, src: i.getAttribute('src') || '' })))";
        const string Loaded = "(id => { const i = document.getElementById(id); return !i.hidden && i.complete && i.naturalWidth > 0; })";
        var shown = await page.WaitForFunctionAsync(
            $"() => {Loaded}('field') && {Loaded}('samples') && {Loaded}('curves') && document.getElementById('curves').src.includes('round=') && {State}", wait);
        var images = JsonSerializer.Deserialize<List<ImageState>>(await shown.JsonValueAsync<string>(), Web)!;
        Assert.Equal(["field.png", "digits.png", "curves.png", "samples.png"], images.Select(i => i.File));
        Assert.All(images.Where(i => i.File != "digits.png"), i => Assert.True(i.Loaded && !i.Hidden, $"{i.File} did not load"));
        Assert.Contains(images, i => i.File == "samples.png" && i.Width == 800 && i.Height == 800);
        Assert.Contains(images, i => i.File == "field.png" && i.Width == 1200 && i.Height == 800);
        var digits = images.Single(i => i.File == "digits.png");
        Assert.True(digits.Hidden && digits.Src.Length == 0, "a 2-D game's page asked for digits");

        // The field picture follows the game: a later evaluation's is swapped in, and loads.
        var firstField = images.Single(i => i.File == "field.png").Src;
        await page.WaitForFunctionAsync($"() => document.getElementById('field').getAttribute('src') !== {JsonSerializer.Serialize(firstField)} && {Loaded}('field')", wait);

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

    private sealed record ImageState(string File, bool Loaded, int Width, int Height, bool Hidden, string Src);
}
