using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Game;
using OrleansGan.Grains.Tests.Cluster;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>
/// A game is in the directory, running, as soon as starting or resuming it returns: <c>run</c> announces the game's
/// live page at that moment, and the page (which finds games through the directory) once answered 404 when asked at
/// once, because the game reported itself only later, from its loop. Here the directory takes its time over each report
/// (as on a loaded machine, where the race was lost), so a report made after the call returned is not seen. And a
/// directory that does not answer (its silo partitioned, not dead) holds a start up only for the start's bounded wait.
/// </summary>
public sealed class DirectoryListingTests : IAsyncLifetime
{
    private CheckpointedCluster _silos = null!;

    // Reports of games named so are held far longer than a start waits for its report.
    private const string Unanswered = "unanswered-";

    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(1), Held = TimeSpan.FromSeconds(5);

    public async Task InitializeAsync() => _silos = await CheckpointedCluster.StartAsync(1, silo =>
    {
        silo.Services.AddOptions<DirectoryReportOptions>().Configure(o => o.StartWait = StartWait);
        silo.AddIncomingGrainCallFilter(async context =>
        {
            if (context.InterfaceMethod?.Name == nameof(IGameDirectoryGrain.NoteAsync))
            {
                var held = context.Request.GetArgument(0) is string id && id.StartsWith(Unanswered, StringComparison.Ordinal);
                await Task.Delay(held ? Held : TimeSpan.FromMilliseconds(300));
            }

            await context.Invoke();
        });
    });

    public async Task DisposeAsync() => await _silos.DisposeAsync();

    [Fact]
    public async Task A_started_and_a_resumed_game_are_listed_running_when_the_call_returns()
    {
        const string id = "listed-on-start";
        var client = _silos.Cluster.Client;
        var directory = client.GetGrain<IGameDirectoryGrain>(0);
        var game = client.GetGrain<IGameGrain>(id);

        await game.StartAsync(Spec());
        Assert.Contains(await directory.ListAsync(), e => e.GameId == id && e.State == GameState.Running);

        // Cancelled after its first checkpoint, then resumed: listed as cancelled, then as running again at once.
        await CancelAfterItsFirstCheckpointAsync(client, game);
        Assert.Contains(await directory.ListAsync(), e => e.GameId == id && e.State == GameState.Cancelled);

        await game.ResumeAsync(null);
        Assert.Contains(await directory.ListAsync(), e => e.GameId == id && e.State == GameState.Running);
        await game.CancelAsync();
        Assert.Equal(GameState.Cancelled, (await GameRunner.FollowAsync(client, game)).Last.State);
    }

    [Fact]
    public async Task A_start_returns_after_its_bounded_wait_when_the_directory_does_not_answer_and_is_listed_later()
    {
        const string id = Unanswered + "start";
        var client = _silos.Cluster.Client;
        var game = client.GetGrain<IGameGrain>(id);

        var clock = Stopwatch.StartNew();
        await game.StartAsync(Spec());
        var started = clock.Elapsed;
        Assert.True(started < Held - TimeSpan.FromSeconds(2), $"start returned after {started.TotalSeconds:F1} s, as late as the directory's answer");

        // The game plays meanwhile, and its end, reported after the start's report got through, is what stays listed.
        await CancelAfterItsFirstCheckpointAsync(client, game);
        Assert.True(clock.Elapsed >= Held, "the game ended before its start's report was answered: the order of the reports is not tested");
        Assert.Contains(await client.GetGrain<IGameDirectoryGrain>(0).ListAsync(), e => e.GameId == id && e.State == GameState.Cancelled);
    }

    // Plays until round 20 (past the checkpoint of round 10), then is cancelled and must end so.
    private static async Task CancelAfterItsFirstCheckpointAsync(IClusterClient client, IGameGrain game)
    {
        var (played, onProgress) = Progress.UntilRound(20);
        var follow = GameRunner.FollowAsync(client, game, TimeSpan.FromMinutes(2), onProgress);
        Assert.Same(played, await Task.WhenAny(played, follow));
        await game.CancelAsync();
        Assert.Equal(GameState.Cancelled, (await follow).Last.State);
    }

    // Long enough to be still playing when it is looked at; checkpointed early, so that it can be resumed.
    private static GameSpec Spec() => GameSpecLoader.Load(null, new Dictionary<string, string>
    {
        ["name"] = "listed", ["seed"] = "5", ["rounds"] = "1000000", ["batchSize"] = "16",
        ["generator.hidden"] = "[8]", ["discriminator.hidden"] = "[8]",
        ["evaluation.every"] = "1000000", ["evaluation.samples"] = "200", ["checkpoint.every"] = "10",
    });
}
