using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using OrleansGan.Abstractions.Watching;
using OrleansGan.Grains.Hosting;
using OrleansGan.Grains.Telemetry;

namespace OrleansGan.Client.Hosting;

/// <summary>
/// Where the client's games run: a silo embedded in this process (the default; nothing to start by hand), or a
/// running cluster reached through a gateway.
/// </summary>
internal sealed class GameConnection : IAsyncDisposable
{
    /// <summary>The cluster and service ids shared by the silo host and this client.</summary>
    public const string ClusterId = "orleansgan";

    private const string RedisScheme = "redis://";

    private readonly IHost _host;

    private GameConnection(IHost host, string description, string? cluster = null)
    {
        _host = host;
        Description = description;
        Address = cluster;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Reaches grains.</summary>
    public IClusterClient Client { get; }

    /// <summary>Where the games run, for the user.</summary>
    public string Description { get; }

    /// <summary>The --cluster address as given; null for the embedded silo.</summary>
    public string? Address { get; }

    /// <summary>True when the games run on a cluster this client reached through its gateways.</summary>
    public bool IsCluster => Address is not null;

    /// <summary>
    /// Starts a one-silo cluster inside this process, on free loopback ports, keeping checkpoints under
    /// <paramref name="checkpoints"/>; with <paramref name="metricsPort"/>, it also serves its metrics at
    /// http://127.0.0.1:{metricsPort}/metrics while the game runs.
    /// </summary>
    public static async Task<GameConnection> EmbeddedAsync(string checkpoints, CancellationToken cancel, int? metricsPort = null)
    {
        int siloPort = FreePort(), gatewayPort = FreePort();
        IHostApplicationBuilder builder = metricsPort is null
            ? Host.CreateApplicationBuilder()
            : WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] }).AddOrleansGanTelemetry();
        Quiet(builder.Logging);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort, serviceId: ClusterId, clusterId: ClusterId)
            .AddOrleansGan(checkpoints, "embedded"));
        IHost host;
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, metricsPort!.Value));
            var app = web.Build();
            app.MapOrleansGanMetrics();
            host = app;
        }
        else
        {
            host = ((HostApplicationBuilder)builder).Build();
        }

        try
        {
            await host.StartAsync(cancel);
        }
        catch (IOException e)
        {
            // Kestrel could not bind the metrics port.
            host.Dispose();
            throw new InvalidOperationException($"could not serve metrics on 127.0.0.1:{metricsPort}: {e.Message}", e);
        }

        var metrics = metricsPort is null ? "" : $", metrics at http://127.0.0.1:{metricsPort}/metrics";
        return new GameConnection(host, $"embedded silo (127.0.0.1:{siloPort}{metrics})");
    }

    /// <summary>
    /// Connects to a running cluster. <paramref name="cluster"/> is either "redis://host:port", the Redis server the
    /// cluster's silos use for membership (the client then reads every gateway from it, and learns of new ones), or one
    /// or more gateways "host:port,host:port". The client spreads its calls over the gateways it knows and moves off
    /// one that dies, so it keeps following its games as long as one gateway lives.
    /// </summary>
    public static async Task<GameConnection> ConnectAsync(string cluster, CancellationToken cancel)
    {
        var gateways = ParseCluster(cluster);
        var builder = Host.CreateApplicationBuilder();
        Quiet(builder.Logging);
        builder.UseOrleansClient(client =>
        {
            if (gateways is null)
            {
                client.UseRedisClustering(cluster[RedisScheme.Length..]);
            }
            else
            {
                client.UseStaticClustering(gateways.ToArray());
            }

            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId))
                .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancel);
        }
        catch (Exception e)
        {
            host.Dispose();
            throw new InvalidOperationException($"could not connect to the cluster at {cluster}: {e.Message}", e);
        }

        return new GameConnection(host, $"cluster at {cluster}", cluster);
    }

    /// <summary>Connects to the cluster at <paramref name="gateway"/>, or prints why the address is wrong and returns null.</summary>
    public static async Task<GameConnection?> ConnectOrExplainAsync(Spectre.Console.IAnsiConsole console, string gateway, CancellationToken cancel)
    {
        try
        {
            ParseCluster(gateway);
        }
        catch (ArgumentException e)
        {
            Spectre.Console.AnsiConsoleExtensions.MarkupLineInterpolated(console, $"[red]error:[/] {e.Message}");
            return null;
        }

        return await ConnectAsync(gateway, cancel);
    }

    /// <summary>
    /// Checks a --cluster address: null for "redis://host:port" (the gateways come from Redis), else the gateways of
    /// "host:port[,host:port...]".
    /// </summary>
    /// <exception cref="ArgumentException">The address is not one of those; the message says which part.</exception>
    public static IReadOnlyList<IPEndPoint>? ParseCluster(string cluster)
    {
        if (cluster.StartsWith(RedisScheme, StringComparison.OrdinalIgnoreCase))
        {
            var server = cluster[RedisScheme.Length..];
            var colon = server.LastIndexOf(':');
            return colon > 0 && int.TryParse(server.AsSpan(colon + 1), out var port) && port is >= 1 and <= 65535
                ? null
                : throw new ArgumentException($"--cluster: '{cluster}' is not redis://host:port (e.g. redis://127.0.0.1:6379)");
        }

        return cluster.Split(',', StringSplitOptions.TrimEntries).Select(ParseGateway).ToList();
    }

    /// <summary>True when <paramref name="e"/> says the cluster could not be reached (no gateway, a watch that gave up), not that a game refused something.</summary>
    public static bool IsLostCluster(Exception e) => e switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.All(IsLostCluster),
        GameWatchLostException or SiloUnavailableException or Orleans.Runtime.Messaging.ConnectionFailedException or OrleansMessageRejectionException or TimeoutException => true,
        OrleansException orleans => orleans.Message.Contains("gateway", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>The first line of an error's message (Orleans' often go on with details a user does not need).</summary>
    public static string FirstLine(Exception e) => e.Message.Split('\n')[0].Trim();

    /// <summary>Parses "host:port" into an endpoint, naming what is wrong.</summary>
    public static IPEndPoint ParseGateway(string gateway)
    {
        var colon = gateway.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(gateway.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"--cluster: '{gateway}' is not host:port (e.g. 127.0.0.1:30000)");
        }

        var host = gateway[..colon];
        if (!IPAddress.TryParse(host, out var address))
        {
            address = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new ArgumentException($"--cluster: host '{host}' has no IPv4 address");
        }

        return new IPEndPoint(address, port);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    private static void Quiet(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole();
        logging.SetMinimumLevel(LogLevel.Error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
