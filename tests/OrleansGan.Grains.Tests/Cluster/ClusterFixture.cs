using Orleans.TestingHost;
using OrleansGan.Grains.Hosting;

namespace OrleansGan.Grains.Tests.Cluster;

/// <summary>Two in-process silos, so that player grains may land apart and every message is serialized.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster has not started");

    public IClusterClient Client => Cluster.Client;

    /// <summary>Where this cluster's games keep their checkpoints.</summary>
    public string CheckpointRoot { get; } = Path.Combine(Path.GetTempPath(), "orleansgan-test-checkpoints-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddOrleansGan(CheckpointRoot));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (Directory.Exists(CheckpointRoot))
        {
            Directory.Delete(CheckpointRoot, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
