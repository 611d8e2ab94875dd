using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
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
    /// Loads TorchSharp's native layer up front, sets the limits long training turns need, keeps checkpoints, record
    /// logs and games' durable records under <paramref name="checkpointRoot"/> (default: ./checkpoints;
    /// "redis://host:port" keeps them, and the reminders that wake a game whose silo died, in that Redis server, shared
    /// by every silo), and publishes this silo's name and devices (default:
    /// the machine name and "cpu") in silo metadata for the player placement director. Registers the game's
    /// instruments, silent until a host adds telemetry. Gives libtorch <paramref name="torchThreads"/> intra-op
    /// threads for the whole process (default <see cref="TorchRuntime.SiloIntraOpThreads"/>; 0: libtorch's default).
    /// </summary>
    public static ISiloBuilder AddOrleansGan(
        this ISiloBuilder silo, string? checkpointRoot = null, string? name = null, IReadOnlyList<string>? devices = null,
        int torchThreads = TorchRuntime.SiloIntraOpThreads)
    {
        if (checkpointRoot?.StartsWith(RedisScheme, StringComparison.Ordinal) != true)
        {
            return silo.AddOrleansGan(CheckpointRoots.Single(checkpointRoot ?? Path.Combine(Environment.CurrentDirectory, "checkpoints")), name, devices, torchThreads);
        }

        AddGame(silo, name, devices, torchThreads);

        // One Redis server holds everything a game needs to outlive any silo: checkpoints, logs, records, reminders.
        var server = checkpointRoot[RedisScheme.Length..];
        var redis = StackExchange.Redis.ConnectionMultiplexer.Connect(server);
        silo.Services.AddSingleton<ICheckpointStore>(new RedisCheckpointStore(redis));
        silo.Services.AddSingleton<IGameLogStore>(new RedisGameLogStore(redis));
        silo.AddRedisGrainStorage(GameStorage.Name, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(server);
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);

            // A forgotten game's record goes with its key, not as an empty state left behind.
            o.DeleteStateOnClear = true;
        }));
        silo.UseRedisReminderService(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(server));
        return silo;
    }

    /// <summary>
    /// As <see cref="AddOrleansGan(ISiloBuilder, string?, string?, IReadOnlyList{string}?, int)"/>, keeping each game's files
    /// in the folder <paramref name="roots"/> gives it (an embedded sweep: each game's run folder).
    /// </summary>
    public static ISiloBuilder AddOrleansGan(
        this ISiloBuilder silo, CheckpointRoots roots, string? name = null, IReadOnlyList<string>? devices = null,
        int torchThreads = TorchRuntime.SiloIntraOpThreads)
    {
        AddGame(silo, name, devices, torchThreads);

        // Files under the checkpoint folders; reminders in memory, so a game on silos that share a folder is woken
        // after its silo died by the next call (a watcher's renewal), not by a reminder.
        silo.Services.AddSingleton<ICheckpointStore>(new FileCheckpointStore(roots));
        silo.Services.AddSingleton<IGameLogStore>(new FileGameLogStore(roots));
        silo.Services.AddGrainStorage(GameStorage.Name, (services, _) =>
            new FileGrainStorage(roots, new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>())));
        silo.UseInMemoryReminderService();
        return silo;
    }

    // What every silo needs whatever keeps its games' files.
    private static void AddGame(ISiloBuilder silo, string? name, IReadOnlyList<string>? devices, int torchThreads)
    {
        if (torchThreads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(torchThreads), torchThreads, "silo torch threads: 0 (libtorch's default) or more");
        }

        // Fail at start-up, not in the first move, when the native layer cannot load.
        TorchRuntime.UseIntraOpThreads(torchThreads);
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
        silo.Services.AddHostedService<NativeMemoryTrimmer>();
        silo.Services.AddOptions<Game.DirectoryReportOptions>();
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
    }
}
