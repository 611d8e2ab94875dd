using System.Net.Http.Headers;
using OrleansGan.Abstractions.Game;
using OrleansGan.Telemetry.Tests.Prometheus;
using OrleansGan.Telemetry.Tests.Silo;

namespace OrleansGan.Telemetry.Tests.Metrics;

/// <summary>The silo host's /metrics, after a short game: valid Prometheus text, with the families the dashboards use.</summary>
[Collection(SiloHostCollection.Name)]
public class MetricsEndpointTests(SiloHostFixture silo)
{
    private const int Rounds = 120, Batch = 64;

    [Fact]
    public async Task Scrape_is_valid_Prometheus_text_with_the_game_the_orleans_and_the_runtime_families()
    {
        var id = Games.NewId("scrape");
        var status = await Games.PlayToEndAsync(silo.Client, id, Games.Small(Rounds, evaluateEvery: 60), TimeSpan.FromMinutes(3));
        Assert.Equal(GameState.Finished, status.State);

        var text = await ScrapeAsync(silo.MetricsUri);
        var families = PrometheusText.Parse(text);

        // Names as a real scrape shows them: counters end in _total, units become _seconds and _bytes suffixes.
        var expected = new Dictionary<string, string>
        {
            ["orleansgan_game_rounds_total"] = "counter",
            ["orleansgan_game_round"] = "gauge",
            ["orleansgan_round_duration_seconds"] = "histogram",
            ["orleansgan_player_loss"] = "gauge",
            ["orleansgan_discriminator_output"] = "gauge",
            ["orleansgan_player_gradient_norm"] = "gauge",
            ["orleansgan_game_gradient_field_norm"] = "gauge",
            ["orleansgan_evaluation_modes_covered"] = "gauge",
            ["orleansgan_data_modes"] = "gauge",
            ["orleansgan_evaluation_high_quality"] = "gauge",
            ["orleansgan_evaluation_round"] = "gauge",
            ["orleansgan_game_state"] = "gauge",
            ["orleansgan_messages_total"] = "counter",
            ["orleansgan_message_payload_bytes_total"] = "counter",
            ["orleansgan_silo_devices"] = "gauge",
            ["orleans_catalog_activations"] = "gauge",
            ["orleans_messaging_processing_dispatcher_processed_total"] = "counter",
            ["dotnet_process_cpu_time_seconds_total"] = "counter",
            ["dotnet_process_memory_working_set_bytes"] = "gauge",
            ["dotnet_gc_collections_total"] = "counter",
        };
        foreach (var (name, type) in expected)
        {
            Assert.True(families.TryGetValue(name, out var family), $"no family {name} in the scrape:\n{text}");
            Assert.Equal(type, family.Type);
            Assert.True(!name.StartsWith("orleansgan_", StringComparison.Ordinal) || !string.IsNullOrWhiteSpace(family.Help), $"{name} has no HELP");
        }

        // Every series names its silo.
        Assert.All(families.Values.Where(f => f.Name != "target_info").SelectMany(f => f.Samples),
            s => Assert.Equal(silo.SiloLabel, s.Labels.GetValueOrDefault("silo")));

        Sample[] OfGame(string family) => families[family].Samples.Where(s => s.Labels.GetValueOrDefault("game_id") == id).ToArray();
        var rounds = Assert.Single(OfGame("orleansgan_game_rounds_total"));
        Assert.Equal(Rounds, rounds.Value);
        Assert.Equal("alternating(2,1)", rounds.Labels["protocol"]);
        Assert.Equal("minimax", rounds.Labels["loss"]);
        Assert.Equal(Rounds, Assert.Single(OfGame("orleansgan_game_round")).Value);

        var state = OfGame("orleansgan_game_state").ToDictionary(s => s.Labels["state"], s => s.Value);
        Assert.Equal(new Dictionary<string, double> { ["running"] = 0, ["finished"] = 1, ["diverged"] = 0, ["failed"] = 0, ["cancelled"] = 0 }, state);

        var losses = OfGame("orleansgan_player_loss");
        Assert.Equal(["discriminator", "generator"], losses.Select(s => s.Labels["player"]).Order());
        Assert.All(losses, s => Assert.Equal("cpu", s.Labels["device"]));
        Assert.All(losses, s => Assert.True(double.IsFinite(s.Value)));
        Assert.Equal(["fake", "real"], OfGame("orleansgan_discriminator_output").Select(s => s.Labels["sample"]).Order());
        Assert.Equal(8, Assert.Single(OfGame("orleansgan_data_modes")).Value);
        Assert.Equal(Rounds, Assert.Single(OfGame("orleansgan_evaluation_round")).Value);

        var players = OfGame("orleansgan_player_gradient_norm").ToDictionary(s => s.Labels["player"], s => s.Value);
        var field = Assert.Single(OfGame("orleansgan_game_gradient_field_norm")).Value;
        Assert.Equal(Math.Sqrt((players["discriminator"] * players["discriminator"]) + (players["generator"] * players["generator"])), field, 9);

        Assert.Equal(Rounds, OfGame("orleansgan_round_duration_seconds").Single(s => s.Name.EndsWith("_count", StringComparison.Ordinal)).Value);
        Assert.Equal(
            ["0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"],
            OfGame("orleansgan_round_duration_seconds").Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).Select(s => s.Labels["le"]));

        // alternating(2,1): per round the generator proposes 3 fake minibatches (in one call), the discriminator receives
        // all 3 (in one call) and answers its updates' reports and 1 gradient message in one reply; each minibatch and
        // the gradient hold Batch x 2 float32 values.
        var messages = OfGame("orleansgan_messages_total").ToDictionary(s => $"{s.Labels["player"]} {s.Labels["direction"]} {s.Labels["kind"]}", s => s.Value);
        var bytes = OfGame("orleansgan_message_payload_bytes_total").ToDictionary(s => $"{s.Labels["player"]} {s.Labels["direction"]} {s.Labels["kind"]}", s => s.Value);
        Assert.Equal(3 * Rounds, messages["generator response FakeMinibatch"]);
        Assert.Equal(3 * Rounds, messages["discriminator request FakeMinibatch"]);
        Assert.Equal(Rounds, messages["discriminator response UpdatesThenJudgment"]);
        Assert.Equal(Rounds, messages["generator request GradientMessage"]);
        Assert.Equal(3.0 * Rounds * Batch * 2 * sizeof(float), bytes["discriminator request FakeMinibatch"]);
        Assert.Equal(1.0 * Rounds * Batch * 2 * sizeof(float), bytes["generator request GradientMessage"]);
        Assert.Equal(1.0 * Rounds * Batch * 2 * sizeof(float), bytes["discriminator response UpdatesThenJudgment"]);
        Assert.Contains("generator response TensorBytes", messages.Keys); // evaluation samples
    }

    [Fact]
    public void The_parser_rejects_what_Prometheus_would_reject()
    {
        Assert.Throws<FormatException>(() => PrometheusText.Parse("a_total 1"));                                    // no final line feed
        Assert.Throws<FormatException>(() => PrometheusText.Parse("# TYPE a counter\n# TYPE a gauge\na 1\n"));       // two TYPE lines
        Assert.Throws<FormatException>(() => PrometheusText.Parse("a{b=\"1\"} 1\nc 1\na{b=\"2\"} 1\n"));            // not contiguous
        Assert.Throws<FormatException>(() => PrometheusText.Parse("a{b=\"1\"} 1\na{b=\"1\"} 2\n"));                 // repeated series
        Assert.Throws<FormatException>(() => PrometheusText.Parse("a{b=\"x\\q\"} 1\n"));                            // bad escape
        Assert.Throws<FormatException>(() => PrometheusText.Parse("a.b 1\n"));                                      // bad name
        Assert.Throws<FormatException>(() => PrometheusText.Parse("a{1b=\"x\"} 1\n"));                              // bad label name
        Assert.Throws<FormatException>(() => PrometheusText.Parse("a one\n"));                                      // bad value
        Assert.Throws<FormatException>(() => PrometheusText.Parse(
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n"));              // decreasing buckets
        Assert.Throws<FormatException>(() => PrometheusText.Parse("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n")); // no +Inf

        var families = PrometheusText.Parse(
            "# HELP h A \\\\ help.\n# TYPE h histogram\nh_bucket{x=\"a\\\"b\",le=\"1\"} 1\nh_bucket{x=\"a\\\"b\",le=\"+Inf\"} 2\nh_sum{x=\"a\\\"b\"} 3.5\nh_count{x=\"a\\\"b\"} 2\n# a comment\nu NaN 1700000000000\n");
        Assert.Equal("histogram", families["h"].Type);
        Assert.Equal("A \\ help.", families["h"].Help);
        Assert.Equal("a\"b", families["h"].Samples[0].Labels["x"]);
        Assert.True(double.IsNaN(families["u"].Samples[0].Value));
    }

    [Fact]
    public async Task The_Orleans_dashboard_is_served_beside_the_metrics_when_configuration_switches_it_on()
    {
        using var http = new HttpClient();
        var page = await http.GetStringAsync(silo.DashboardUri);
        Assert.Contains("<title>Orleans Dashboard</title>", page);
    }

    internal static async Task<string> ScrapeAsync(Uri metrics)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, metrics);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("text/plain; version=0.0.4"));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
