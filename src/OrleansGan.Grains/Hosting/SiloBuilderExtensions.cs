using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using OrleansGan.Core.Native;

namespace OrleansGan.Grains.Hosting;

/// <summary>The one place a silo is made ready to host OrleansGan players and games.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Loads TorchSharp's native layer up front and sets the limits long training turns need.</summary>
    public static ISiloBuilder AddOrleansGan(this ISiloBuilder silo)
    {
        // Fail at start-up, not in the first move, when the native layer cannot load.
        TorchRuntime.EnsureLoaded();
        silo.Services.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromMinutes(5));
        return silo;
    }
}
