using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
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

    private readonly IHost _host;

    private GameConnection(IHost host, string description)
    {
        _host = host;
        Description = description;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Reaches grains.</summary>
    public IClusterClient Client { get; }

    /// <summary>Where the games run, for the user.</summary>
    public string Description { get; }

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

    /// <summary>Connects to a running cluster through the gateway at <paramref name="gateway"/> ("host:port").</summary>
    public static async Task<GameConnection> ConnectAsync(string gateway, CancellationToken cancel)
    {
        var endpoint = ParseGateway(gateway);
        var builder = Host.CreateApplicationBuilder();
        Quiet(builder.Logging);
        builder.UseOrleansClient(client => client
            .UseStaticClustering(endpoint)
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId))
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5)));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancel);
        }
        catch (Exception e)
        {
            host.Dispose();
            throw new InvalidOperationException($"could not connect to the cluster gateway at {gateway}: {e.Message}", e);
        }

        return new GameConnection(host, $"cluster at {gateway}");
    }

    /// <summary>Connects to the cluster at <paramref name="gateway"/>, or prints why the address is wrong and returns null.</summary>
    public static async Task<GameConnection?> ConnectOrExplainAsync(Spectre.Console.IAnsiConsole console, string gateway, CancellationToken cancel)
    {
        try
        {
            ParseGateway(gateway);
        }
        catch (ArgumentException e)
        {
            Spectre.Console.AnsiConsoleExtensions.MarkupLineInterpolated(console, $"[red]error:[/] {e.Message}");
            return null;
        }

        return await ConnectAsync(gateway, cancel);
    }

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
