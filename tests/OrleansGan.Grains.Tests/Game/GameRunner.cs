using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Abstractions.Watching;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>Starts a game, or follows one, collecting every record its watch delivers until it is over.</summary>
internal static class GameRunner
{
    public static async Task<(GameStatus Last, List<RoundRecord> Rounds, List<EvaluationRecord> Evaluations)> PlayAsync(
        IClusterClient client, string id, GameSpec spec, TimeSpan? limit = null)
    {
        var game = client.GetGrain<IGameGrain>(id);
        await game.StartAsync(spec);
        return await FollowAsync(client, game, limit);
    }

    /// <summary>Follows <paramref name="game"/> to its end; <paramref name="onProgress"/> sees each delivery as it comes.</summary>
    public static async Task<(GameStatus Last, List<RoundRecord> Rounds, List<EvaluationRecord> Evaluations)> FollowAsync(
        IClusterClient client, IGameGrain game, TimeSpan? limit = null, Func<GameStatus, Task>? onProgress = null)
    {
        var rounds = new List<RoundRecord>();
        var evaluations = new List<EvaluationRecord>();
        await using var watch = GameWatch.Start(client, game, async progress =>
        {
            rounds.AddRange(progress.NewRounds);
            evaluations.AddRange(progress.NewEvaluations);
            if (onProgress is not null)
            {
                await onProgress(progress);
            }
        });
        var within = limit ?? TimeSpan.FromMinutes(5);
        try
        {
            return (await watch.WhenOverAsync().WaitAsync(within), rounds, evaluations);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"game {game.GetPrimaryKeyString()} did not finish within {within.TotalSeconds:0} s: {watch.Latest?.State} at round {watch.Latest?.RoundsCompleted}");
            throw;
        }
    }
}
