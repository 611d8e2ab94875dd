using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Client.Tests.Commands;
using OrleansGan.Core.Spec;

namespace OrleansGan.Cluster.Tests.Live;

/// <summary>
/// The silo host's live pages on a port of their own (<c>--live-port</c>): two silo processes in one development
/// cluster, a game whose players are seated on the second, and its page served by the first, which holds none of
/// them, with rounds that advance and the field picture of its latest evaluation; the metrics port no longer serves
/// the pages, and a bad port is refused with exit code 2.
/// </summary>
public partial class SiloLivePageTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "orleansgan-silo-live-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [SlowFact]
    public async Task A_game_on_another_silo_shows_on_this_silos_live_port()
    {
        var (primary, joining) = ((Silo: FreePorts.Next(), Gateway: FreePorts.Next()), (Silo: FreePorts.Next(), Gateway: FreePorts.Next()));
        var livePort = FreePorts.Next();
        await using var pages = await SiloProcess.StartAsync(primary.Silo, primary.Gateway, _checkpoints, "--Silo:Name", "silo-0", "--Silo:Devices", "cpu:0",
            "--live-port", $"{livePort}");
        await using var players = await SiloProcess.StartAsync(joining.Silo, joining.Gateway, _checkpoints, "--Silo:Name", "silo-1", "--Silo:Devices", "cpu:0",
            "--Silo:PrimarySiloPort", $"{primary.Silo}");
        var live = $"http://127.0.0.1:{livePort}/games";
        Assert.Contains($"live pages {live}", pages.Output);
        var metrics = MetricsIn().Match(pages.Output) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException(pages.Output);

        // The client reaches the cluster through the second silo only; the players sit there.
        await using var client = await ClusterClient.ConnectAsync(joining.Gateway);
        var game = client.Client.GetGrain<IGameGrain>("silo-live-probe");
        await game.StartAsync(GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "silo-live-probe", ["rounds"] = "1000000", ["batchSize"] = "32", ["generator.hidden"] = "[16]", ["discriminator.hidden"] = "[16]",
            ["evaluation.every"] = "50", ["evaluation.samples"] = "200", ["checkpoint.every"] = "0",
            ["placement.policy"] = "explicit", ["placement.generator"] = "silo-1/cpu:0", ["placement.discriminator"] = "silo-1/cpu:0",
        }));
        try
        {
            var status = await game.GetStatusAsync(int.MaxValue, int.MaxValue);
            Assert.Equal(["silo-1", "silo-1"], status.Players!.Select(p => p.Silo));

            using var http = new HttpClient();
            var list = await http.GetStringAsync(live);
            Assert.Contains("href=\"/games/silo-live-probe\"", list);
            Assert.Contains("running", list);
            Assert.Contains("<h1>silo-live-probe</h1>", await http.GetStringAsync($"{live}/silo-live-probe"));

            // Rounds that only grow, pushed from the game to the first silo's page.
            using var events = await http.GetStreamAsync($"{live}/silo-live-probe/events");
            using var reader = new StreamReader(events);
            var rounds = new List<int>();
            var evaluated = false;
            while (rounds.Count < 3 || !evaluated)
            {
                var line = await reader.ReadLineAsync().WaitAsync(Limit) ?? throw new Xunit.Sdk.XunitException("the event stream ended");
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    using var json = JsonDocument.Parse(line["data: ".Length..]);
                    rounds.Add(json.RootElement.GetProperty("round").GetInt32());
                    evaluated = json.RootElement.GetProperty("latestEvaluation") is { ValueKind: JsonValueKind.Object } latest && latest.GetProperty("field").GetBoolean();
                }
            }

            Assert.True(rounds.Zip(rounds.Skip(1)).All(p => p.Second >= p.First) && rounds[^1] > rounds[0], $"rounds did not advance: {string.Join(", ", rounds)}");

            // The field picture of the latest evaluation, drawn on the page's silo from the game's records.
            using var field = await http.GetAsync($"{live}/silo-live-probe/field.png");
            Assert.Equal(HttpStatusCode.OK, field.StatusCode);
            var png = await field.Content.ReadAsByteArrayAsync();
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            Assert.Equal((1200, 800), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
            Assert.True(field.Headers.Contains("X-OrleansGan-Evaluation-Round"));

            // Read-only; the pages have left the metrics port, which still serves the metrics.
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PostAsync($"{live}/silo-live-probe", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{metrics}/games")).StatusCode);
            Assert.Contains("orleansgan_", await http.GetStringAsync($"{metrics}/metrics"));
        }
        finally
        {
            await game.CancelAsync();
        }
    }

    [Theory]
    [InlineData("0", "--live-port: '0' is not a port")]
    [InlineData("http", "--live-port: 'http' is not a port")]
    public async Task A_bad_live_port_is_refused_with_exit_code_2(string port, string error)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "orleans-gan-silo.dll"), "--Silo:SiloPort", $"{FreePorts.Next()}",
                "--Silo:GatewayPort", $"{FreePorts.Next()}", "--Checkpoints:Path", _checkpoints, "--Telemetry:Port", "0", "--live-port", port },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Limit);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains(error, await errors);
        Assert.DoesNotContain("silo ready", output);
        Assert.False(Directory.Exists(_checkpoints), "a refused silo created its checkpoint folder");
    }

    [GeneratedRegex(@"metrics (http://[^\s,]+)/metrics")]
    private static partial Regex MetricsIn();
}
