using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Telemetry.Tests.Prometheus;
using OrleansGan.Telemetry.Tests.Silo;
using Xunit.Abstractions;

namespace OrleansGan.Telemetry.Tests.Dashboards;

/// <summary>
/// A real Prometheus scrapes the silo host while a game runs; then every template variable and every PromQL expression
/// of every panel of every dashboard is evaluated through Prometheus' HTTP API and must parse and return a series.
/// A dashboard edit that breaks a panel fails here, naming the dashboard and the panel.
/// </summary>
[Collection(SiloHostCollection.Name)]
public class DashboardQueryTests(SiloHostFixture silo, ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    [PrometheusFact]
    public async Task Every_panel_query_of_every_dashboard_returns_series_from_a_real_Prometheus()
    {
        var binary = await PrometheusInstall.BinaryAsync();
        await using var prometheus = await PrometheusServer.StartAsync(binary, $"127.0.0.1:{silo.MetricsPort}", ScrapeInterval);

        // A game long enough to be cancelled: scraped at least three times while it runs, then once it has stopped.
        var id = Games.NewId("dashboards");
        var game = silo.Client.GetGrain<IGameGrain>(id);
        await game.StartAsync(Games.Small(rounds: 1_000_000, evaluateEvery: 50, diagnoseEvery: 100));
        await prometheus.WaitForSeriesAsync($"count_over_time(orleansgan_game_state{{game_id=\"{id}\",state=\"running\"}}[1m]) >= 3", Limit,
            "three scrapes of the running game");
        await prometheus.WaitForSeriesAsync($"orleansgan_diagnosis_duality_gap{{game_id=\"{id}\"}}", Limit, "the game's first diagnosis");
        await game.CancelAsync();
        Assert.Equal(GameState.Cancelled, (await Games.UntilOverAsync(silo.Client, game, Limit)).State);
        await prometheus.WaitForSeriesAsync($"orleansgan_game_state{{game_id=\"{id}\",state=\"cancelled\"}} == 1", Limit,
            "the cancelled game");

        var failures = new List<string>();
        var evaluated = 0;
        foreach (var dashboard in Dashboard.All())
        {
            var picked = await PickValuesAsync(prometheus, dashboard, id, failures);
            var all = dashboard.Variables.Where(v => v.IncludeAll && v.AllValue is not null)
                .Aggregate(new Dictionary<string, string>(picked), (values, v) => { values[v.Name] = v.AllValue!; return values; });
            foreach (var values in all.SequenceEqual(picked) ? [picked] : new[] { picked, all })
            {
                foreach (var query in dashboard.Queries)
                {
                    var expression = Dashboard.Substitute(query.Expression, values, "30s");
                    var answer = await prometheus.QueryAsync(expression);
                    evaluated++;
                    if (answer.Error is not null || answer.SeriesCount == 0)
                    {
                        failures.Add($"{query}: {expression}\n    -> {answer.Error ?? "no series"}");
                    }
                }
            }
        }

        output.WriteLine($"{evaluated} panel queries evaluated against Prometheus for game {id} on silo {silo.SiloLabel}");
        Assert.True(failures.Count == 0, $"{failures.Count} dashboard queries failed:\n{string.Join("\n", failures)}");
        Assert.True(evaluated >= 40, $"only {evaluated} queries were found in {Dashboard.Folder}");
    }

    /// <summary>
    /// Evaluates each query variable as Grafana would (label_values through Prometheus' label API, after the
    /// variables before it) and picks this test's game and silo; every variable must offer at least one value.
    /// </summary>
    private async Task<Dictionary<string, string>> PickValuesAsync(PrometheusServer prometheus, Dashboard dashboard, string gameId, List<string> failures)
    {
        var preferred = new Dictionary<string, string> { ["game"] = gameId, ["silo"] = silo.SiloLabel };
        var values = new Dictionary<string, string>();
        foreach (var variable in dashboard.Variables.Where(v => v.Type == "query"))
        {
            if (variable.Query is null || Dashboard.LabelValues(variable.Query) is not var (match, label))
            {
                failures.Add($"{dashboard.File} / variable ${variable.Name}: '{variable.Query}' is not label_values(selector, label)");
                continue;
            }

            var offered = await prometheus.LabelValuesAsync(label, Dashboard.Substitute(match, values, "30s"));
            if (offered.Count == 0)
            {
                failures.Add($"{dashboard.File} / variable ${variable.Name}: {variable.Query} offers no value");
                continue;
            }

            if (preferred.TryGetValue(variable.Name, out var wanted) && !offered.Contains(wanted))
            {
                failures.Add($"{dashboard.File} / variable ${variable.Name}: {variable.Query} does not offer '{wanted}' (offers {string.Join(", ", offered)})");
            }

            values[variable.Name] = preferred.TryGetValue(variable.Name, out var value) ? value : offered[0];
        }

        return values;
    }
}
