using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

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
        var port = FreePorts.Next();
        var live = $"http://127.0.0.1:{port}/games";
        using var stop = new CancellationTokenSource();
        var output = new WatchedWriter();
        var run = CommandLine.InvokeAsync(output, stop.Token, "run", "--name", "live-probe", "--rounds", "1000000", "--batch", "32", "--g-hidden", "16",
            "--d-hidden", "16", "--eval-every", "50", "--eval-samples", "200", "--live-port", $"{port}", "--out", _folder);
        var announced = await Task.WhenAny(output.Printed($"live page at {live}"), run, Task.Delay(Limit));
        Assert.True(announced != run && !announced.IsFaulted && output.ToString().Contains($"live page at {live}"), $"the run did not announce {live}:\n{output}");
        // The same header line names the game.
        var gameId = GameIdIn().Match(output.ToString()) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no game id in:\n{output}");

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

        // No write actions, no unknown games, no ids that cannot be a game's.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PostAsync($"{live}/{gameId}", null)).StatusCode);
        var unknown = await http.GetAsync($"{live}/no-such-game");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no game 'no-such-game'", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"{live}/{new string('x', 300)}")).StatusCode);

        await stop.CancelAsync();
        Assert.Equal(130, await run.WaitAsync(Limit));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(live));
    }

    [Theory]
    [InlineData("0", null, "--live-port: 0 is not a port")]
    [InlineData("9464", "127.0.0.1:30000", "--live-port: only the embedded silo")]
    public async Task A_bad_live_port_is_refused(string port, string? cluster, string message)
    {
        string[] args = ["run", "--live-port", port, "--out", _folder, .. cluster is null ? Array.Empty<string>() : ["--cluster", cluster]];
        var (exit, output) = await CommandLine.InvokeAsync(args);
        Assert.Equal(2, exit);
        Assert.Contains(message, output);
        Assert.False(Directory.Exists(_folder));
    }

    [GeneratedRegex(@"game (live-probe-[^\s:]+):")]
    private static partial Regex GameIdIn();
}
