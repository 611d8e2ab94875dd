using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace OrleansGan.Grains.Telemetry;

/// <summary>
/// The one place OpenTelemetry is set up, for the silo host, the client's embedded silo and tests alike: a host
/// calls <see cref="AddOrleansGanTelemetry{TBuilder}"/> on its builder and <see cref="MapOrleansGanMetrics"/> on its
/// web application.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The meter of Orleans' own runtime instruments.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>Games whose round durations the histogram keeps apart before folding new ones into an overflow series.</summary>
    public const int RoundDurationGameLimit = 500;

    /// <summary>
    /// Collects the OrleansGan meter, Orleans' meter and the .NET runtime's metrics, counts player-grain message
    /// traffic, and exports all of it in the Prometheus format (served by <see cref="MapOrleansGanMetrics"/>).
    /// </summary>
    public static TBuilder AddOrleansGanTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.TryAddSingleton<GameInstruments>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IIncomingGrainCallFilter, MessageTrafficFilter>());
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService("orleans-gan")
                .AddDetector(services => new SiloResource(services.GetRequiredService<ILocalSiloDetails>())))
            .WithMetrics(metrics => metrics
                .AddMeter(GameInstruments.MeterName, OrleansMeterName)
                .AddRuntimeInstrumentation()
                .AddView(GameInstruments.RoundDurationName, new MetricStreamConfiguration { CardinalityLimit = RoundDurationGameLimit })
                .AddPrometheusExporter(prometheus =>
                {
                    prometheus.ResourceConstantLabels = key => key == TagNames.Silo;

                    // The exporter's default 300 ms response cache answers a scrape taken right after a short game
                    // finished with a page from before it started (no series of that game at all). A researcher who
                    // reads /metrics after `finished` must see the final figures; a few scrapers cost nothing uncached.
                    prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                }));
        return builder;
    }

    /// <summary>Serves the metrics at GET /metrics, in the Prometheus text format (or OpenMetrics, when asked).</summary>
    public static TEndpoints MapOrleansGanMetrics<TEndpoints>(this TEndpoints endpoints)
        where TEndpoints : IEndpointRouteBuilder
    {
        endpoints.MapPrometheusScrapingEndpoint();
        return endpoints;
    }
}
