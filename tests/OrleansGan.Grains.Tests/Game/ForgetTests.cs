using System.Security.Cryptography;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Abstractions.Watching;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Hosting;
using OrleansGan.Grains.Tests.Cluster;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>
/// Forgetting a game removes everything it stored (checkpoint, record logs, durable record, directory entry) and
/// nothing of its neighbour's; a running game is refused with nothing removed; forgetting again, or an id never
/// played, says the game is not stored.
/// </summary>
[Collection(ClusterCollection.Name)]
public class ForgetTests(ClusterFixture fixture)
{
    private readonly FileCheckpointStore _store = new(fixture.CheckpointRoot);

    [Fact]
    public async Task A_forgotten_game_leaves_nothing_and_its_neighbour_is_untouched()
    {
        var spec = Spec(rounds: 20);
        var (forgotten, neighbour) = ("forget-one", "forget-neighbour");
        Assert.Equal(GameState.Finished, (await GameRunner.PlayAsync(fixture.Client, forgotten, spec)).Last.State);
        Assert.Equal(GameState.Finished, (await GameRunner.PlayAsync(fixture.Client, neighbour, spec)).Last.State);
        var directory = fixture.Client.GetGrain<IGameDirectoryGrain>(0);
        Assert.Contains(await directory.ListAsync(), e => e.GameId == forgotten);

        // What each game stored: its own folder (checkpoint, record logs) and its record among the grain states.
        var folder = GameFolder.Of(fixture.CheckpointRoot, forgotten);
        Assert.True(File.Exists(Path.Combine(folder, "checkpoint.bin")));
        Assert.True(File.Exists(Path.Combine(folder, "rounds.log")));
        Assert.Single(RecordFiles(forgotten));
        var neighbourBefore = Fingerprint(GameFolder.Of(fixture.CheckpointRoot, neighbour)).Concat(RecordFiles(neighbour).Select(f => (f, Hash(f)))).ToList();
        var neighbourStatus = await fixture.Client.GetGrain<IGameGrain>(neighbour).GetStatusAsync(0, 0);

        var result = await fixture.Client.GetGrain<IGameGrain>(forgotten).ForgetAsync();
        Assert.Equal(ForgetOutcome.Forgotten, result.Outcome);
        Assert.Equal(GameState.Finished, result.State);
        Assert.Equal([_store.Describe(forgotten)], result.Removed);

        Assert.False(Directory.Exists(folder), $"{folder} is still there");
        Assert.Empty(RecordFiles(forgotten));
        Assert.DoesNotContain(await directory.ListAsync(), e => e.GameId == forgotten);
        var after = await fixture.Client.GetGrain<IGameGrain>(forgotten).GetStatusAsync(0, 0);
        Assert.Equal((GameState.Created, 0, 0), (after.State, after.RoundsCompleted, after.NewRounds.Count));

        // The neighbour: every file byte for byte, its entry, its records.
        Assert.Equal(neighbourBefore, Fingerprint(GameFolder.Of(fixture.CheckpointRoot, neighbour)).Concat(RecordFiles(neighbour).Select(f => (f, Hash(f)))).ToList());
        Assert.Contains(await directory.ListAsync(), e => e.GameId == neighbour && e.State == GameState.Finished);
        var neighbourAfter = await fixture.Client.GetGrain<IGameGrain>(neighbour).GetStatusAsync(0, 0);
        Assert.Equal(neighbourStatus.NewRounds.Select(r => r.DiscriminatorLoss), neighbourAfter.NewRounds.Select(r => r.DiscriminatorLoss));

        // Again, and an id never played: not stored, nothing to do.
        Assert.Equal(ForgetOutcome.Unknown, (await fixture.Client.GetGrain<IGameGrain>(forgotten).ForgetAsync()).Outcome);
        var never = await fixture.Client.GetGrain<IGameGrain>("forget-never-played").ForgetAsync();
        Assert.Equal((ForgetOutcome.Unknown, GameState.Created), (never.Outcome, never.State));
        Assert.Empty(never.Removed);

        // A forgotten id is free for a new game.
        Assert.Equal(GameState.Finished, (await GameRunner.PlayAsync(fixture.Client, forgotten, spec)).Last.State);
    }

    [Fact]
    public async Task A_running_game_is_refused_with_nothing_removed_and_forgotten_once_it_ended()
    {
        const string id = "forget-running";
        var game = fixture.Client.GetGrain<IGameGrain>(id);
        await game.StartAsync(Spec(rounds: 1_000_000) with { Checkpoint = new CheckpointSpec(10) });

        // Running, with a checkpoint written: the refusal must leave it.
        var checkpointed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var watch = GameWatch.Start(fixture.Client, game, progress =>
        {
            if (progress.RoundsCompleted > 20)
            {
                checkpointed.TrySetResult();
            }

            return Task.CompletedTask;
        }))
        {
            await checkpointed.Task.WaitAsync(TimeSpan.FromMinutes(2));
            var checkpoint = await _store.LoadAsync(id);
            Assert.NotNull(checkpoint);

            var refused = await game.ForgetAsync();
            Assert.Equal((ForgetOutcome.Running, GameState.Running), (refused.Outcome, refused.State));
            Assert.Empty(refused.Removed);
            Assert.NotNull(await _store.LoadAsync(id));
            Assert.Single(RecordFiles(id));

            await game.CancelAsync();
            Assert.Equal(GameState.Cancelled, (await watch.WhenOverAsync().WaitAsync(TimeSpan.FromMinutes(2))).State);
        }

        var forgotten = await game.ForgetAsync();
        Assert.Equal((ForgetOutcome.Forgotten, GameState.Cancelled), (forgotten.Outcome, forgotten.State));
        Assert.Null(await _store.LoadAsync(id));
        Assert.Empty(RecordFiles(id));
    }

    private static GameSpec Spec(int rounds) => GameSpecLoader.Load(null, new Dictionary<string, string>
    {
        ["rounds"] = rounds.ToString(System.Globalization.CultureInfo.InvariantCulture), ["batchSize"] = "16",
        ["generator.hidden"] = "[8]", ["discriminator.hidden"] = "[8]",
        ["evaluation.every"] = "10", ["evaluation.samples"] = "64", ["checkpoint.every"] = "10",
    });

    // The game's durable record among the grain states (FileGrainStorage names it after the grain id "game/<id>").
    private List<string> RecordFiles(string id)
    {
        var records = Path.Combine(fixture.CheckpointRoot, FileGrainStorage.Folder);
        var name = GameFolder.SafeName($"game/{id}") + ".state";
        return Directory.Exists(records) ? Directory.EnumerateFiles(records, name, SearchOption.AllDirectories).ToList() : [];
    }

    private static List<(string, string)> Fingerprint(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => (f, Hash(f))).ToList();

    private static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
}
