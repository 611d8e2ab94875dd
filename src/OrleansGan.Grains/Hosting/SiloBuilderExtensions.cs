using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using OrleansGan.Core.Native;
using OrleansGan.Grains.Telemetry;

namespace OrleansGan.Grains.Hosting;

/// <summary>The one place a silo is made ready to host OrleansGan players and games.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Loads TorchSharp's native layer up front, sets the limits long training turns need, and registers the
    /// game's instruments (silent until a host adds telemetry).</summary>
    public static ISiloBuilder AddOrleansGan(this ISiloBuilder silo)
    {
        // Fail at start-up, not in the first move, when the native layer cannot load.
        TorchRuntime.EnsureLoaded();
        silo.Services.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromMinutes(5));
        silo.Services.TryAddSingleton<GameInstruments>();
        return silo;
    }
}
