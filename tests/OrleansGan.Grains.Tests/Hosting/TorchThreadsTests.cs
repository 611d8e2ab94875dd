using Microsoft.Extensions.Hosting;
using OrleansGan.Core.Native;
using OrleansGan.Grains.Hosting;
using OrleansGan.Grains.Tests.Cluster;
using static TorchSharp.torch;

namespace OrleansGan.Grains.Tests.Hosting;

/// <summary>
/// A silo gives libtorch its intra-op threads once, for the whole process, as grain turns see it (on thread-pool
/// threads), and refuses a negative count before anything starts.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TorchThreadsTests
{
    [Fact]
    public async Task GrainTurnsComputeOnTheSilosIntraOpThreads()
    {
        Assert.Equal(1, TorchRuntime.SiloIntraOpThreads);
        Assert.Equal(TorchRuntime.SiloIntraOpThreads, await Task.Run(get_num_threads));
        Assert.Equal(TorchRuntime.SiloIntraOpThreads, get_num_threads());
    }

    [Fact]
    public void ANegativeThreadCountIsRefused()
    {
        var builder = Host.CreateApplicationBuilder();
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() =>
            builder.UseOrleans(silo => silo.AddOrleansGan(Path.GetTempPath(), torchThreads: -1)));
        Assert.Contains("torch threads", refused.Message);
    }
}
