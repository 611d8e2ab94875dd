using Orleans.TestingHost;
using OrleansGan.Grains.Hosting;

namespace OrleansGan.Grains.Tests.Placement;

/// <summary>
/// Three silos with logical CPU devices: "Silo_0" declares cpu:0, "Silo_1" cpu:0 and cpu:1, "Silo_2" cpu:0.
/// </summary>
public sealed class PlacedClusterFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public IClusterClient Client => (_cluster ?? throw new InvalidOperationException("not started")).Client;

    public string CheckpointRoot { get; } = Path.Combine(Path.GetTempPath(), "orleansgan-placed-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((options, silo) => silo.AddOrleansGan(
            CheckpointRoot, options.SiloName, options.SiloName == "Silo_1" ? ["cpu:0", "cpu:1"] : ["cpu:0"]));
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
