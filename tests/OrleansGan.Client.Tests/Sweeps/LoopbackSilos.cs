using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansGan.Client.Hosting;
using OrleansGan.Client.Tests.Commands;
using OrleansGan.Grains.Hosting;

namespace OrleansGan.Client.Tests.Sweeps;

/// <summary>
/// Silos "silo-0", "silo-1", ... in this process on loopback ports (development clustering, silo-0 the primary), each
/// with one CPU device and a gateway a client reaches as <c>--cluster</c>, sharing one checkpoint folder (removed with
/// them), as the silos of a small cluster share a file system.
/// </summary>
internal sealed class LoopbackSilos : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "orleansgan-silos-" + Guid.NewGuid().ToString("N"));

    private LoopbackSilos()
    {
    }

    /// <summary>The folder the silos keep games' checkpoints in.</summary>
    public string Checkpoints => _checkpoints;

    /// <summary>The gateways, as --cluster takes them.</summary>
    public string Cluster { get; private set; } = "";

    /// <summary>Reaches grains from the first silo.</summary>
    public IGrainFactory Grains => _hosts[0].Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts <paramref name="count"/> silos, each once the one before it is up.</summary>
    public static async Task<LoopbackSilos> StartAsync(int count)
    {
        var silos = new LoopbackSilos();
        var free = new HashSet<int>();
        while (free.Count < 2 * count)
        {
            free.Add(FreePorts.Next());
        }

        var ports = free.ToArray();
        var primary = new IPEndPoint(IPAddress.Loopback, ports[0]);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var builder = Host.CreateApplicationBuilder();
                builder.Logging.ClearProviders();
                var (siloPort, gatewayPort, name) = (ports[2 * i], ports[(2 * i) + 1], $"silo-{i}");
                builder.UseOrleans(silo => silo
                    .UseLocalhostClustering(siloPort, gatewayPort, primary, GameConnection.ClusterId, GameConnection.ClusterId)
                    .AddOrleansGan(silos._checkpoints, name, ["cpu:0"]));
                var host = builder.Build();
                silos._hosts.Add(host);
                await host.StartAsync();
            }
        }
        catch
        {
            await silos.DisposeAsync();
            throw;
        }

        silos.Cluster = string.Join(',', Enumerable.Range(0, count).Select(i => $"127.0.0.1:{ports[(2 * i) + 1]}"));
        return silos;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.StopAsync(TimeSpan.FromSeconds(10));
            host.Dispose();
        }

        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }
}
