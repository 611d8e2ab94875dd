using System.Text.RegularExpressions;
using OrleansGan.Abstractions.Game;
using OrleansGan.Telemetry.Tests.Metrics;
using OrleansGan.Telemetry.Tests.Prometheus;
using OrleansGan.Telemetry.Tests.Silo;

namespace OrleansGan.Telemetry.Tests.Dashboards;

/// <summary>The files in dashboards/: dashboards as Grafana expects them, provisioning that points at them, and a
/// scrape configuration Prometheus accepts.</summary>
[Collection(SiloHostCollection.Name)]
public partial class DashboardFileTests(SiloHostFixture silo)
{
    [Fact]
    public void Dashboards_have_the_template_variables_and_a_query_in_every_panel()
    {
        var dashboards = Dashboard.All();
        Assert.Equal(["cluster.json", "training-games.json"], dashboards.Select(d => d.File));
        foreach (var dashboard in dashboards)
        {
            var variables = dashboard.Variables.ToDictionary(v => v.Name);
            Assert.Equal("datasource", variables["datasource"].Type);
            Assert.Equal("query", variables["silo"].Type);
            Assert.True(dashboard.Root.TryGetProperty("uid", out _), $"{dashboard.File} has no uid");
            Assert.Equal(dashboard.Panels.Count, dashboard.Panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
            foreach (var panel in dashboard.Panels)
            {
                var title = panel.GetProperty("title").GetString();
                Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
                Assert.False(string.IsNullOrWhiteSpace(panel.GetProperty("description").GetString()), $"{dashboard.File} / {title} has no description");
                var grid = panel.GetProperty("gridPos");
                Assert.True(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32() <= 24, $"{dashboard.File} / {title} is wider than the grid");
            }

            Assert.All(dashboard.Queries, q => Assert.False(string.IsNullOrWhiteSpace(q.Expression), $"{q} has no expression"));
            Assert.All(dashboard.Panels, p => Assert.NotEmpty(p.GetProperty("targets").EnumerateArray()));
        }

        Assert.Equal("query", Dashboard.All().Single(d => d.File == "training-games.json").Variables.Single(v => v.Name == "game").Type);
    }

    [Fact]
    public async Task Every_metric_a_dashboard_names_is_in_a_real_scrape()
    {
        var id = Games.NewId("names");
        Assert.Equal(GameState.Finished, (await Games.PlayToEndAsync(silo.Client, id, Games.Small(40, 20, diagnoseEvery: 40), TimeSpan.FromMinutes(3))).State);
        var scraped = PrometheusText.Parse(await MetricsEndpointTests.ScrapeAsync(silo.MetricsUri))
            .Values.SelectMany(f => f.Samples).Select(s => s.Name).ToHashSet();
        var missing = Dashboard.All().SelectMany(d => d.Queries.Concat(d.Variables.Where(v => v.Query is not null)
                .Select(v => new PanelQuery(d.File, $"variable ${v.Name}", "-", v.Query!))))
            .SelectMany(q => MetricName().Matches(q.Expression).Select(m => (Query: q, Name: m.Value)))
            .Where(x => !scraped.Contains(x.Name))
            .Select(x => $"{x.Query}: {x.Name}")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "dashboards name metrics that a scrape does not show:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Provisioning_points_Grafana_at_the_dashboards_and_the_data_source_they_use()
    {
        var datasource = File.ReadAllText(RepositoryFiles.PathOf("dashboards", "grafana", "provisioning", "datasources", "prometheus.yaml"));
        Assert.Contains("type: prometheus", datasource);
        Assert.Contains("apiVersion: 1", datasource);
        var provider = File.ReadAllText(RepositoryFiles.PathOf("dashboards", "grafana", "provisioning", "dashboards", "orleansgan.yaml"));
        Assert.Contains("type: file", provider);
        Assert.Contains("path: /var/lib/grafana/dashboards/orleansgan", provider);
        Assert.Contains("dashboards/grafana/dashboards:/var/lib/grafana/dashboards/orleansgan", File.ReadAllText(RepositoryFiles.PathOf("README.md")));
    }

    [PrometheusFact]
    public async Task Prometheus_accepts_the_shipped_scrape_configuration()
    {
        var promtool = await PrometheusInstall.PromtoolAsync();
        await using var check = ChildProcess.Start(promtool, ["check", "config", RepositoryFiles.PathOf("dashboards", "prometheus", "prometheus.yml")]);
        Assert.True(await check.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, check.Output);
        Assert.Contains("SUCCESS", check.Output);
    }

    [GeneratedRegex(@"\b(?:orleansgan|orleans|dotnet)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
