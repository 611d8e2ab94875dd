using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansGan.Abstractions.Watching;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Grains.Hosting;
using OrleansGan.Grains.Telemetry;
using OrleansGan.Live;

namespace OrleansGan.Client.Hosting;

/// <summary>
/// Where the client's games run: a silo embedded in this process (the default; nothing to start by hand), or a
/// running cluster reached through a gateway.
/// </summary>
internal sealed class GameConnection : IAsyncDisposable
{
    /// <summary>The cluster and service ids shared by the silo host and this client.</summary>
    public const string ClusterId = "orleansgan";

    /// <summary>How long a command waits for a cluster's gateway unless --connect-timeout says otherwise.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    private const string RedisScheme = "redis://";

    private readonly IHost _host;

    private GameConnection(IHost host, string description, string? cluster = null)
    {
        Address = cluster;
        _host = host;
        Description = description;
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
    /// Starts a one-silo cluster inside this process, on free loopback ports, keeping each game's checkpoints where
    /// <paramref name="checkpoints"/> says; with <paramref name="metricsPort"/>, it also serves its metrics at
    /// http://127.0.0.1:{metricsPort}/metrics while the game runs; with <paramref name="livePort"/>, the live pages at
    /// http://127.0.0.1:{livePort}/games.
    /// </summary>
    /// <exception cref="ArgumentException">The metrics or live port is taken; the message names it.</exception>
    /// <exception cref="OperationCanceledException">Ctrl+C came before the silo had started.</exception>
    public static async Task<GameConnection> EmbeddedAsync(CheckpointRoots checkpoints, CancellationToken cancel, int? metricsPort = null, int? livePort = null)
    {
        if (metricsPort is { } port && !IsFree(port))
        {
            throw new ArgumentException($"--metrics-port: 127.0.0.1:{port} is already in use; choose another port");
        }

        if (livePort is { } live && (live == metricsPort || !IsFree(live)))
        {
            throw new ArgumentException($"--live-port: 127.0.0.1:{live} is already in use; choose another port");
        }

        int siloPort = FreePort(), gatewayPort = FreePort();
        IHostApplicationBuilder builder = metricsPort is not null
            ? WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] }).AddOrleansGanTelemetry()
            : livePort is not null ? WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] }) : Host.CreateApplicationBuilder();
        Quiet(builder.Logging, cancel);
        builder.Services.AddSingleton<IHostLifetime, CommandOwnedLifetime>();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort, serviceId: ClusterId, clusterId: ClusterId)
            .AddOrleansGan(checkpoints, "embedded"));
        IHost host;
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.ConfigureKestrel(kestrel =>
            {
                foreach (var listen in new[] { metricsPort, livePort }.OfType<int>())
                {
                    kestrel.Listen(IPAddress.Loopback, listen);
                }
            });
            var app = web.Build();
            if (metricsPort is not null)
            {
                app.MapOrleansGanMetrics();
            }

            if (livePort is { } viewed)
            {
                app.MapOrleansGanLivePages(onlyOnPort: viewed);
            }

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
            // Kestrel could not bind the metrics or live port after all (taken since the check).
            host.Dispose();
            throw new InvalidOperationException($"could not serve on 127.0.0.1:{metricsPort ?? livePort}: {e.Message}", e);
        }
        catch (OperationCanceledException)
        {
            host.Dispose();
            throw;
        }

        var metrics = (metricsPort is null ? "" : $", metrics at http://127.0.0.1:{metricsPort}/metrics")
            + (livePort is null ? "" : $", live page at http://127.0.0.1:{livePort}/games");
        return new GameConnection(host, $"embedded silo (127.0.0.1:{siloPort}{metrics})");
    }

    /// <summary>
    /// Connects to a running cluster, waiting at most <paramref name="timeout"/> (default
    /// <see cref="DefaultConnectTimeout"/>) for names to resolve and a gateway to answer. <paramref name="cluster"/> is
    /// either "redis://host:port", the Redis server the cluster's silos use for membership (the client then reads every
    /// gateway from it, and learns of new ones), or one or more gateways "host:port,host:port". The client spreads its
    /// calls over the gateways it knows and moves off one that dies, so it keeps following its games while one lives.
    /// </summary>
    /// <exception cref="InvalidOperationException">The cluster could not be reached in time; the message names the address.</exception>
    /// <exception cref="OperationCanceledException">Ctrl+C came first.</exception>
    public static async Task<GameConnection> ConnectAsync(string cluster, CancellationToken cancel, TimeSpan? timeout = null)
    {
        var wait = timeout ?? DefaultConnectTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(wait);
        var gateways = ParseCluster(cluster) is { } listed
            ? await Task.WhenAll(listed.Select(g => ResolveAsync(g, wait, deadline.Token, cancel)))
            : null;
        var builder = Host.CreateApplicationBuilder();
        Quiet(builder.Logging, deadline.Token);
        builder.Services.AddSingleton<IHostLifetime, CommandOwnedLifetime>();
        builder.UseOrleansClient(client =>
        {
            if (gateways is null)
            {
                client.UseRedisClustering(cluster[RedisScheme.Length..]);
            }
            else
            {
                client.UseStaticClustering(gateways);
            }

            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId))
                .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(deadline.Token);
        }
        catch (Exception e)
        {
            host.Dispose();
            cancel.ThrowIfCancellationRequested();
            throw new InvalidOperationException(deadline.IsCancellationRequested
                ? $"could not reach the cluster at {cluster}: no answer within {wait.TotalSeconds:0.#} s (--connect-timeout)"
                : $"could not reach the cluster at {cluster}: {e.Message}", e);
        }

        return new GameConnection(host, $"cluster at {cluster}", cluster);
    }

    /// <summary>
    /// Checks a --cluster address, resolving nothing: null for "redis://host:port" (the gateways come from Redis),
    /// else the gateways of "host:port[,host:port...]".
    /// </summary>
    /// <exception cref="ArgumentException">The address is neither; the message says which part is wrong.</exception>
    public static IReadOnlyList<string>? ParseCluster(string cluster)
    {
        if (cluster.StartsWith(RedisScheme, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                ParseGateway(cluster[RedisScheme.Length..]);
                return null;
            }
            catch (ArgumentException)
            {
                throw new ArgumentException($"--cluster: '{cluster}' is not redis://host:port (e.g. redis://127.0.0.1:6379)");
            }
        }

        return cluster.Split(',', StringSplitOptions.TrimEntries).Select(g =>
        {
            ParseGateway(g);
            return g;
        }).ToList();
    }

    /// <summary>True when <paramref name="e"/> says the cluster could not be reached (no gateway, a watch that gave up), not that a game refused something.</summary>
    public static bool IsLostCluster(Exception e) => e switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.All(IsLostCluster),
        GameWatchLostException or SiloUnavailableException or Orleans.Runtime.Messaging.ConnectionFailedException
            or OrleansMessageRejectionException or TimeoutException => true,
        OrleansException orleans => orleans.Message.Contains("gateway", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>Checks that <paramref name="gateway"/> reads as "host:port" ("[::1]:30000" for IPv6), naming what is wrong; resolves nothing.</summary>
    public static (string Host, int Port) ParseGateway(string gateway)
    {
        var colon = gateway.LastIndexOf(':');
        var host = colon > 0 ? gateway[..colon] : "";
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || (host.Contains(':') && !IPAddress.TryParse(host, out _))
            || !int.TryParse(gateway.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"--cluster: '{gateway}' is not host:port (e.g. 127.0.0.1:30000)");
        }

        return (host, port);
    }

    // A name that does not resolve (in time) is an unreachable cluster, not a malformed address: DNS may be down.
    private static async Task<IPEndPoint> ResolveAsync(string gateway, TimeSpan wait, CancellationToken deadline, CancellationToken cancel)
    {
        var (host, port) = ParseGateway(gateway);
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, deadline);
            return new IPEndPoint(addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.First(), port);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or InvalidOperationException)
        {
            cancel.ThrowIfCancellationRequested();
            throw new InvalidOperationException(e is SocketException socket
                ? $"could not reach the cluster at {gateway}: host '{host}' does not resolve ({socket.Message})"
                : $"could not reach the cluster at {gateway}: host '{host}' did not resolve within {wait.TotalSeconds:0.#} s (--connect-timeout)", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    // Errors only, and none once the command is being cancelled (a silo or client stopped half-way logs its shutdown
    // as errors). The host's own start-up failures are reported by the commands, in one line.
    private static void Quiet(ILoggingBuilder logging, CancellationToken cancel)
    {
        logging.ClearProviders();
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Error);
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        logging.AddFilter((_, _, level) => level >= LogLevel.Error && !cancel.IsCancellationRequested);
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
