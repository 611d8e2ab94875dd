using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService.SiloMetadata;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Devices;
using OrleansGan.Core.Native;
using OrleansGan.Grains.Placement;
using OrleansGan.Grains.Telemetry;

namespace OrleansGan.Grains.Hosting;

/// <summary>The one place a silo is made ready to host OrleansGan players and games.</summary>
public static class SiloBuilderExtensions
{
    private const string RedisScheme = "redis://";

    /// <summary>
    /// Loads TorchSharp's native layer up front, sets the limits long training turns need, keeps checkpoints under
    /// <paramref name="checkpointRoot"/> (default: ./checkpoints; "redis://host:port" keeps them in that Redis server,
    /// shared by every silo), and publishes this silo's name and devices (default:
    /// the machine name and "cpu") in silo metadata for the player placement director. Registers the game's
    /// instruments, silent until a host adds telemetry.
    /// </summary>
    public static ISiloBuilder AddOrleansGan(this ISiloBuilder silo, string? checkpointRoot = null, string? name = null, IReadOnlyList<string>? devices = null)
    {
        // Fail at start-up, not in the first move, when the native layer cannot load.
        TorchRuntime.EnsureLoaded();
        var declared = devices is { Count: > 0 } ? devices : ["cpu"];
        foreach (var device in declared)
        {
            if (DeviceName.Problem(device) is { } problem)
            {
                throw new ArgumentException($"silo devices: {problem}", nameof(devices));
            }
        }

        silo.Services.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromMinutes(5));
        silo.Services.TryAddSingleton<GameInstruments>();
        if (checkpointRoot?.StartsWith(RedisScheme, StringComparison.Ordinal) == true)
        {
            var redis = StackExchange.Redis.ConnectionMultiplexer.Connect(checkpointRoot[RedisScheme.Length..]);
            silo.Services.AddSingleton<ICheckpointStore>(new RedisCheckpointStore(redis));
            silo.Services.AddSingleton<IGameLogStore>(new RedisGameLogStore(redis));
        }
        else
        {
            var root = checkpointRoot ?? Path.Combine(Environment.CurrentDirectory, "checkpoints");
            silo.Services.AddSingleton<ICheckpointStore>(new FileCheckpointStore(root));
            silo.Services.AddSingleton<IGameLogStore>(new FileGameLogStore(root));
        }
        silo.Services.AddPlacementDirector<PlayerPlacementStrategy, PlayerPlacementDirector>();
        if (name is not null)
        {
            // One name for the silo everywhere: Orleans' own, placement's, and the one status shows.
            silo.Configure<SiloOptions>(options => options.SiloName = name);
        }

        silo.UseSiloMetadata(new Dictionary<string, string>
        {
            [SiloDevices.NameKey] = name ?? Environment.MachineName,
            [SiloDevices.DevicesKey] = string.Join(',', declared),
        });
        return silo;
    }
}
