using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>run --live-port: the embedded silo serves /games and /games/{id}, whose events follow the game round by round.</summary>
public partial class RunCommandLivePageTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansgan-live-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task The_live_page_lists_the_game_and_streams_its_rounds()
    {
        using var stop = new CancellationTokenSource();
        var (run, output, live, gameId) = await StartAnnouncedAsync(stop.Token, "--rounds", "1000000", "--batch", "32", "--g-hidden", "16",
            "--d-hidden", "16", "--eval-every", "50", "--eval-samples", "200");

        using var http = new HttpClient();
        var list = await http.GetStringAsync(live);
        Assert.Contains($"href=\"/games/{gameId}\"", list);
        Assert.Contains("running", list);

        var page = await http.GetStringAsync($"{live}/{gameId}");
        Assert.Contains("id=\"round\"", page);
        Assert.Contains("/events", page);

        // The events: a first one with where the game stands, then pushes with rounds that only grow.
        using var events = await http.GetStreamAsync($"{live}/{gameId}/events");
        using var reader = new StreamReader(events);
        var rounds = new List<int>();
        while (rounds.Count < 3)
        {
            var line = await reader.ReadLineAsync().WaitAsync(Limit) ?? throw new Xunit.Sdk.XunitException("the event stream ended");
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(line["data: ".Length..]);
                Assert.Equal("running", json.RootElement.GetProperty("state").GetString());
                rounds.Add(json.RootElement.GetProperty("round").GetInt32());
            }
        }

        Assert.True(rounds[1] > rounds[0] && rounds[2] > rounds[1], $"rounds did not increase: {string.Join(", ", rounds)}");

        var curves = await http.GetByteArrayAsync($"{live}/{gameId}/curves.png");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], curves[..4]);

        // The field picture of the latest evaluation, and a new one once the game has evaluated again.
        await EvaluationsAfterAsync(reader, 0);
        var (firstRound, firstField) = await PictureAsync(http, $"{live}/{gameId}/field.png");
        await EvaluationsAfterAsync(reader, firstRound);
        var (secondRound, secondField) = await PictureAsync(http, $"{live}/{gameId}/field.png");
        Assert.True(secondRound > firstRound, $"the field shown went from round {firstRound} to {secondRound}");
        Assert.NotEqual(firstField, secondField);
        using (var picture = SKBitmap.Decode(firstField))
        {
            Assert.Equal((1200, 800), (picture.Width, picture.Height));
        }

        var digits = await http.GetAsync($"{live}/{gameId}/digits.png");
        Assert.Equal(HttpStatusCode.NotFound, digits.StatusCode);
        Assert.Contains("image data only", await digits.Content.ReadAsStringAsync());

        // No write actions, no unknown games, no ids that cannot be a game's.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PostAsync($"{live}/{gameId}", null)).StatusCode);
        var unknown = await http.GetAsync($"{live}/no-such-game");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no game 'no-such-game'", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"{live}/{new string('x', 300)}")).StatusCode);

        await stop.CancelAsync();
        Assert.Equal(130, await run.WaitAsync(Limit));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(live));

        // Each live picture is the run folder's picture of the same evaluation, drawn from the same record.
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_folder, $"field-round-{firstRound:D6}.png")), firstField);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_folder, $"field-round-{secondRound:D6}.png")), secondField);
        Assert.True(File.Exists(Path.Combine(_folder, "report.html")), "the cancelled run wrote no report.html");
    }

    [Fact]
    public async Task An_mnist_game_shows_its_latest_digits_and_no_field()
    {
        // Evaluated every 2 rounds: the client must keep up with the game (it once redrew a digits-progress picture of
        // every evaluation, pixel by pixel, at each one, and fell minutes behind), so the cancelled run ends in time.
        using var stop = new CancellationTokenSource();
        var (run, output, live, gameId) = await StartAnnouncedAsync(stop.Token, "--data", "mnist", "--set", "generator.outputSize=784",
            "--set", "discriminator.inputSize=784", "--rounds", "1000000", "--batch", "32", "--g-hidden", "32", "--d-hidden", "32",
            "--eval-every", "2", "--eval-samples", "200");

        using var http = new HttpClient();
        using var events = await http.GetStreamAsync($"{live}/{gameId}/events");
        using var reader = new StreamReader(events);
        await EvaluationsAfterAsync(reader, 0);
        var (round, digits) = await PictureAsync(http, $"{live}/{gameId}/digits.png");
        using (var picture = SKBitmap.Decode(digits))
        {
            Assert.Equal((2 + (8 * ((28 * 3) + 2)), 2 + (8 * ((28 * 3) + 2))), (picture.Width, picture.Height));
            Assert.True(picture.Pixels.Select(p => p.Red).Distinct().Count() > 16, "the digits are not drawn: the picture has hardly any shades");
        }

        foreach (var absent in new[] { "field.png", "samples.png" })
        {
            var response = await http.GetAsync($"{live}/{gameId}/{absent}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("2-D", await response.Content.ReadAsStringAsync());
        }

        await stop.CancelAsync();
        Assert.Equal(130, await run.WaitAsync(Limit));

        // The live picture is the run folder's picture of the same evaluation.
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_folder, $"digits-round-{round:D6}.png")), digits);
        Assert.True(File.Exists(Path.Combine(_folder, "digits-progress.png")));
    }

    [Fact]
    public async Task With_fields_off_the_live_page_says_so_and_still_shows_the_samples()
    {
        using var stop = new CancellationTokenSource();
        var (run, output, live, gameId) = await StartAnnouncedAsync(stop.Token, "--rounds", "1000000", "--batch", "32", "--g-hidden", "16",
            "--d-hidden", "16", "--eval-every", "50", "--eval-samples", "200", "--field-every", "0");

        using var http = new HttpClient();
        using var events = await http.GetStreamAsync($"{live}/{gameId}/events");
        using var reader = new StreamReader(events);
        await EvaluationsAfterAsync(reader, 0);
        var field = await http.GetAsync($"{live}/{gameId}/field.png");
        Assert.Equal(HttpStatusCode.NotFound, field.StatusCode);
        Assert.Contains("the game records no field (evaluation.fieldEvery: 0)", await field.Content.ReadAsStringAsync());
        var (round, _) = await PictureAsync(http, $"{live}/{gameId}/samples.png");
        Assert.True(round > 0, $"the samples shown are of round {round}");

        await stop.CancelAsync();
        Assert.Equal(130, await run.WaitAsync(Limit));
        Assert.Empty(Directory.GetFiles(_folder, "field-round-*.png"));
    }

    // Reads the events until the latest evaluation is of a round after `round`.
    private static async Task EvaluationsAfterAsync(StreamReader reader, int round)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync().WaitAsync(Limit) ?? throw new Xunit.Sdk.XunitException("the event stream ended");
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(line["data: ".Length..]);
                if (json.RootElement.GetProperty("latestEvaluation") is { ValueKind: JsonValueKind.Object } latest && latest.GetProperty("round").GetInt32() > round)
                {
                    return;
                }
            }
        }
    }

    // A picture of the latest evaluation, and the round the page says it shows.
    private static async Task<(int Round, byte[] Png)> PictureAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var round = int.Parse(response.Headers.GetValues("X-OrleansGan-Evaluation-Round").Single(), System.Globalization.CultureInfo.InvariantCulture);
        return (round, await response.Content.ReadAsByteArrayAsync());
    }

    // `run --live-port` on a free port with these flags, awaited until it announces its live page; the header line
    // that announces it also names the game.
    private async Task<(Task<int> Run, WatchedWriter Output, string Live, string GameId)> StartAnnouncedAsync(CancellationToken stop, params string[] flags)
    {
        var port = FreePorts.Next();
        var live = $"http://127.0.0.1:{port}/games";
        var output = new WatchedWriter();
        var errors = new StringWriter();
        var run = CommandLine.InvokeAsync(output, errors, stop, ["run", "--name", "live-probe", .. flags, "--live-port", $"{port}", "--out", _folder]);
        var announced = await Task.WhenAny(output.Printed($"live page at {live}"), run, Task.Delay(Limit));
        Assert.True(announced != run && !announced.IsFaulted && output.ToString().Contains($"live page at {live}"), $"the run did not announce {live}:\n{output}{errors}");
        var gameId = GameIdIn().Match(output.ToString()) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no game id in:\n{output}");
        return (run, output, live, gameId);
    }

    [GeneratedRegex(@"game (live-probe-[^\s:]+):")]
    private static partial Regex GameIdIn();
}
