using System.Text.RegularExpressions;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>run --metrics-port: the embedded silo serves its metrics while the game runs, and only then.</summary>
public partial class RunCommandMetricsTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansgan-metrics-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task The_embedded_silo_serves_game_metrics_while_the_game_runs()
    {
        var port = FreePorts.Next();
        var metrics = new Uri($"http://127.0.0.1:{port}/metrics");
        using var stop = new CancellationTokenSource();
        var output = new WatchedWriter();
        var errors = new StringWriter();
        var run = CommandLine.InvokeAsync(output, errors, stop.Token, "run", "--name", "metrics-probe", "--rounds", "1000000", "--batch", "32", "--g-hidden", "16",
            "--d-hidden", "16", "--eval-every", "100", "--eval-samples", "200", "--metrics-port", $"{port}", "--out", _folder);

        // Other tests may run embedded silos in this process at the same time, and an OpenTelemetry exporter collects
        // every meter of its name in the process: this game is told apart by its name.
        // The header line names the endpoint once the silo and its web host are up.
        var announced = await Task.WhenAny(output.Printed($"metrics at {metrics}"), run, Task.Delay(Limit));
        Assert.True(announced != run && !announced.IsFaulted && output.ToString().Contains($"metrics at {metrics}"), $"the run did not announce {metrics}:\n{output}{errors}");

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + Limit;
        string scrape;
        while (true)
        {
            // Prometheus would poll too: the endpoint has no signal for "a round has been counted".
            scrape = await http.GetStringAsync(metrics);
            if (RoundsOfTheGame().Match(scrape) is { Success: true } rounds && double.Parse(rounds.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no rounds in {metrics} within {Limit.TotalSeconds:0} s:\n{scrape}");
            await Task.Delay(100);
        }

        foreach (var expected in new[]
        {
            "# TYPE orleansgan_round_duration_seconds histogram", "orleansgan_game_state{", "state=\"running\"", "game_id=\"metrics-probe-",
            "orleansgan_message_payload_bytes_total{", "orleans_catalog_activations{", "dotnet_process_cpu_time_seconds_total{",
        })
        {
            Assert.True(scrape.Contains(expected, StringComparison.Ordinal), $"no {expected} in the scrape:\n{scrape}");
        }

        await stop.CancelAsync();
        Assert.Equal(130, await run.WaitAsync(Limit));
        Assert.Contains("cancelled", output.ToString());
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(metrics));
    }

    [Theory]
    [InlineData("0", null, "--metrics-port: 0 is not a port")]
    [InlineData("70000", null, "--metrics-port: 70000 is not a port")]
    [InlineData("9464", "127.0.0.1:30000", "--metrics-port: only the embedded silo")]
    public async Task A_bad_metrics_port_is_refused(string port, string? cluster, string message)
    {
        string[] args = ["run", "--metrics-port", port, "--out", _folder, .. cluster is null ? Array.Empty<string>() : ["--cluster", cluster]];
        var (exit, output, errors) = await CommandLine.InvokeAsync(args);
        Assert.Equal(2, exit);
        Assert.Contains(message, errors);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(_folder));
    }

    [GeneratedRegex(@"^orleansgan_game_rounds_total\{[^}]*game_id=""metrics-probe-[^""]+""[^}]*\} (\S+)", RegexOptions.Multiline)]
    private static partial Regex RoundsOfTheGame();
}
