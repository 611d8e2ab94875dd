using Orleans.TestingHost;
using OrleansGan.Grains.Hosting;

namespace OrleansGan.Grains.Tests.Cluster;

/// <summary>
/// In-process silos that run OrleansGan with a checkpoint folder of their own (removed with the cluster), each silo on
/// its own name with one CPU device, plus whatever else a test adds to every silo.
/// </summary>
public sealed class CheckpointedCluster : IAsyncDisposable
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "orleansgan-cluster-" + Guid.NewGuid().ToString("N"));
    private InProcessTestCluster? _cluster;

    private CheckpointedCluster()
    {
    }

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster has not started");

    /// <summary>Starts <paramref name="silos"/> silos, applying <paramref name="configure"/> to each.</summary>
    public static async Task<CheckpointedCluster> StartAsync(int silos, Action<ISiloBuilder>? configure = null)
    {
        var started = new CheckpointedCluster();
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddOrleansGan(started._checkpoints, options.SiloName, ["cpu:0"]);
            configure?.Invoke(silo);
        });
        started._cluster = builder.Build();
        await started._cluster.DeployAsync();
        return started;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }
}
