using OrleansGan.Client.Tests.Commands;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace OrleansGan.Telemetry.Tests.Silo;

/// <summary>
/// The real silo host (silo/OrleansGan.Silo) in its own process on free loopback ports, serving /metrics and, switched
/// on from its configuration, the Orleans dashboard; and a cluster client connected to its gateway.
/// </summary>
public sealed class SiloHostFixture : IAsyncLifetime
{
    private const string ClusterId = "orleansgan";
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);
    private ChildProcess? _silo;
    private IHost? _client;

    public int SiloPort { get; } = FreePorts.Next();

    public int GatewayPort { get; } = FreePorts.Next();

    public int MetricsPort { get; } = FreePorts.Next();

    /// <summary>The silo label its series carry.</summary>
    public string SiloLabel => $"127.0.0.1:{SiloPort}";

    public Uri MetricsUri => new($"http://127.0.0.1:{MetricsPort}/metrics");

    public Uri DashboardUri => new($"http://127.0.0.1:{MetricsPort}/dashboard/");

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("the silo host has not started");

    /// <summary>What the silo process printed so far, for failure messages.</summary>
    public string SiloOutput => _silo?.Output ?? "";

    public async Task InitializeAsync()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        _silo = ChildProcess.Start(dotnet,
        [
            "exec", Path.Combine(AppContext.BaseDirectory, "orleans-gan-silo.dll"),
            "--Silo:SiloPort", $"{SiloPort}", "--Silo:GatewayPort", $"{GatewayPort}", "--Telemetry:Port", $"{MetricsPort}",
            "--Telemetry:Dashboard", "true", "--Logging:LogLevel:Default", "Warning",
        ], AppContext.BaseDirectory);
        await _silo.WaitForLineAsync("OrleansGan silo ready", StartLimit);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, GatewayPort))
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId))
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5)));
        _client = builder.Build();
        await _client.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SiloHostCollection : ICollectionFixture<SiloHostFixture>
{
    public const string Name = "silo host";
}
