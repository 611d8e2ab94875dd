using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansGan.Abstractions.Game;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Game;
using OrleansGan.Grains.Hosting;

namespace OrleansGan.Grains.Tests.Hosting;

/// <summary>The file grain storage keeps a game's durable record across instances, and refuses a stale write.</summary>
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

    private FileGrainStorage Storage() => new(_root, new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()));
}
