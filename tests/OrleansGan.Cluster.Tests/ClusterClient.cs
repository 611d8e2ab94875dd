using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace OrleansGan.Cluster.Tests;

/// <summary>An Orleans client connected to silos' gateways on loopback.</summary>
internal sealed class ClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClient(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    public static async Task<ClusterClient> ConnectAsync(params int[] gatewayPorts)
    {
        var builder = Host.CreateApplicationBuilder();
        // Errors only: a client under silos that are killed on purpose logs every refused connection as a warning.
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client => client
            .UseStaticClustering(gatewayPorts.Select(p => new IPEndPoint(IPAddress.Loopback, p)).ToArray())
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("orleansgan", "orleansgan")));
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
        }

        _host.Dispose();
    }
}
