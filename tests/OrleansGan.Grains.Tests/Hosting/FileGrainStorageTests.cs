using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansGan.Abstractions.Game;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Game;
using OrleansGan.Grains.Hosting;

namespace OrleansGan.Grains.Tests.Hosting;

/// <summary>
/// The file grain storage keeps a game's durable record across instances, refuses a stale write, and keeps the record of
/// a game given a folder of its own (a sweep's game) in that folder.
/// </summary>
public sealed class FileGrainStorageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "orleansgan-state-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose()
    {
        _services.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_record_written_by_one_silo_is_read_by_another_and_a_stale_write_is_refused()
    {
        var id = GrainId.Create("game", "theory-alternating(1,1)");
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string> { ["seed"] = "9" });
        var first = new GrainState<GameRecord>(new GameRecord { Spec = spec, State = GameState.Running, Recoveries = 2, CheckpointRound = 500 });
        await Storage().WriteStateAsync("game", id, first);

        var read = new GrainState<GameRecord>();
        await Storage().ReadStateAsync("game", id, read);
        Assert.True(read.RecordExists);
        Assert.Equal((GameState.Running, 2, 500, 9UL), (read.State!.State, read.State.Recoveries, read.State.CheckpointRound, read.State.Spec!.Seed));

        read.State!.State = GameState.Finished;
        await Storage().WriteStateAsync("game", id, read);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync("game", id, first));

        var fresh = new GrainState<GameRecord>();
        await Storage().ReadStateAsync("game", GrainId.Create("game", "never-started"), fresh);
        Assert.False(fresh.RecordExists);
        Assert.Equal(GameState.Created, fresh.State!.State);
    }

    [Fact]
    public async Task A_game_given_a_folder_of_its_own_keeps_its_record_there_and_other_state_stays_shared()
    {
        var own = Path.Combine(_root, "games", "0000", "checkpoints");
        var storage = Storage(CheckpointRoots.PerGame(Path.Combine(_root, "shared"), new Dictionary<string, string> { ["sweep-0000"] = own }));
        var record = new GrainState<GameRecord>(new GameRecord { State = GameState.Running });
        await storage.WriteStateAsync("game", GrainId.Create("game", "sweep-0000"), record);
        await storage.WriteStateAsync("directory", GrainId.Create("gamedirectory", "0"), new GrainState<GameRecord>(new GameRecord()));

        Assert.Single(Directory.GetFiles(Path.Combine(own, FileGrainStorage.Folder), "*.state", SearchOption.AllDirectories));
        Assert.Single(Directory.GetFiles(Path.Combine(_root, "shared", FileGrainStorage.Folder), "*.state", SearchOption.AllDirectories));

        // A silo whose root is the game's own folder (resume --run of that folder) reads the record the sweep wrote.
        var read = new GrainState<GameRecord>();
        await Storage(CheckpointRoots.Single(own)).ReadStateAsync("game", GrainId.Create("game", "sweep-0000"), read);
        Assert.True(read.RecordExists);
        Assert.Equal(GameState.Running, read.State!.State);
    }

    private FileGrainStorage Storage(CheckpointRoots? roots = null) =>
        new(roots ?? CheckpointRoots.Single(_root), new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()));
}
