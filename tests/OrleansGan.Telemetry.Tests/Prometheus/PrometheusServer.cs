using OrleansGan.Client.Tests.Commands;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansGan.Telemetry.Tests.Silo;

namespace OrleansGan.Telemetry.Tests.Prometheus;

/// <summary>What Prometheus answered to one instant query.</summary>
internal sealed record QueryAnswer(string Status, string? Error, string? ResultType, int SeriesCount);

/// <summary>
/// A real Prometheus server on a free loopback port, scraping one target with a generated configuration and keeping
/// its data in a temporary folder; disposing it kills the process and deletes the folder.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(1);
    private readonly ChildProcess _process;
    private readonly string _folder;
    private readonly HttpClient _http;

    private PrometheusServer(ChildProcess process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Output => _process.Output;

    /// <summary>Starts Prometheus scraping http://{target}/metrics every <paramref name="scrapeInterval"/>.</summary>
    public static async Task<PrometheusServer> StartAsync(string binary, string target, TimeSpan scrapeInterval)
    {
        var folder = Directory.CreateTempSubdirectory("orleansgan-prometheus-").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        var interval = $"{(int)scrapeInterval.TotalMilliseconds}ms";
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: {interval}
              evaluation_interval: {interval}
            scrape_configs:
              - job_name: orleansgan
                metrics_path: /metrics
                static_configs:
                  - targets: ['{target}']
            """);
        var port = FreePorts.Next();
        var process = ChildProcess.Start(binary,
        [
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=info",
        ], folder);
        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await process.WaitForLineAsync("Server is ready to receive web requests", StartLimit);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Evaluates <paramref name="promql"/> at the current time through the HTTP API.</summary>
    public async Task<QueryAnswer> QueryAsync(string promql)
    {
        using var response = await _http.GetAsync($"api/v1/query?query={Uri.EscapeDataString(promql)}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var status = body.GetProperty("status").GetString()!;
        if (status != "success")
        {
            return new QueryAnswer(status, $"{body.GetProperty("errorType").GetString()}: {body.GetProperty("error").GetString()}", null, 0);
        }

        var data = body.GetProperty("data");
        var type = data.GetProperty("resultType").GetString()!;
        var count = type is "vector" or "matrix" ? data.GetProperty("result").GetArrayLength() : 1;
        return new QueryAnswer(status, null, type, count);
    }

    /// <summary>The values of <paramref name="label"/> on the series that <paramref name="match"/> selects.</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, string match)
    {
        var body = await _http.GetFromJsonAsync<JsonElement>(
            $"api/v1/label/{Uri.EscapeDataString(label)}/values?match[]={Uri.EscapeDataString(match)}");
        return body.GetProperty("data").EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>Polls until <paramref name="promql"/> returns a series (Prometheus has no push signal for a scrape).</summary>
    public async Task WaitForSeriesAsync(string promql, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var answer = await QueryAsync(promql);
            Assert.True(answer.Error is null, $"{promql}: {answer.Error}");
            if (answer.SeriesCount > 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"Prometheus did not see {what} within {limit.TotalSeconds:0} s ({promql}). Its log:\n{Output}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary folder.
        }
    }
}
