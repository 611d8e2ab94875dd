using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Native;

namespace OrleansGan.Grains.Hosting;

/// <summary>The one place a silo is made ready to host OrleansGan players and games.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Loads TorchSharp's native layer up front, sets the limits long training turns need, and keeps checkpoints under
    /// <paramref name="checkpointRoot"/> (default: ./checkpoints).
    /// </summary>
    public static ISiloBuilder AddOrleansGan(this ISiloBuilder silo, string? checkpointRoot = null)
    {
        // Fail at start-up, not in the first move, when the native layer cannot load.
        TorchRuntime.EnsureLoaded();
        silo.Services.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromMinutes(5));
        silo.Services.AddSingleton<ICheckpointStore>(new FileCheckpointStore(checkpointRoot ?? Path.Combine(Environment.CurrentDirectory, "checkpoints")));
        return silo;
    }
}
