using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Watching;

namespace OrleansGan.Cluster.Tests;

/// <summary>Follows games on a cluster of silo processes by what they push, collecting their rounds.</summary>
internal static class Following
{
    /// <summary>Follows <paramref name="game"/> to its end; <paramref name="onProgress"/> sees each delivery as it comes.</summary>
    public static async Task<(GameStatus Last, List<RoundRecord> Rounds)> FollowAsync(
        IClusterClient client, IGameGrain game, TimeSpan limit, Func<GameStatus, Task>? onProgress = null, WatchOptions? options = null)
    {
        var rounds = new List<RoundRecord>();
        await using var watch = GameWatch.Start(client, game, async progress =>
        {
            rounds.AddRange(progress.NewRounds);
            if (onProgress is not null)
            {
                await onProgress(progress);
            }
        }, options);
        try
        {
            return (await watch.WhenOverAsync().WaitAsync(limit), rounds);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"game {game.GetPrimaryKeyString()} did not end within {limit.TotalSeconds:0} s: {watch.Latest?.State} at round {watch.Latest?.RoundsCompleted}");
            throw;
        }
    }

    /// <summary>Starts <paramref name="game"/> with <paramref name="spec"/> and follows it to its end.</summary>
    public static async Task<(GameStatus Last, List<RoundRecord> Rounds)> PlayAsync(IClusterClient client, IGameGrain game, Abstractions.Spec.GameSpec spec, TimeSpan limit)
    {
        await game.StartAsync(spec);
        return await FollowAsync(client, game, limit);
    }
}
