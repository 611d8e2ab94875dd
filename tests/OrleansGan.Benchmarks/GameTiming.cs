using System.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Abstractions.Watching;
using OrleansGan.Core.Reference;

namespace OrleansGan.Benchmarks;

/// <summary>Times a game on grains (by the game's own clock) and the same game on the reference trainer.</summary>
internal static class GameTiming
{
    public static double Reference(GameSpec spec)
    {
        using var trainer = new ReferenceTrainer(spec);
        var clock = Stopwatch.StartNew();
        for (var round = 1; round <= spec.Rounds; round++)
        {
            trainer.PlayRound(round);
        }

        return clock.Elapsed.TotalSeconds;
    }

    // The game's clock covers its rounds and its evaluations, not the client's watching.
    public static async Task<(double Seconds, EvaluationRecord? Last, GameStatus Status)> GrainsAsync(IClusterClient client, GameSpec spec, string id)
    {
        var game = client.GetGrain<IGameGrain>(id);
        await game.StartAsync(spec);
        EvaluationRecord? last = null;
        await using var watch = GameWatch.Start(client, game, progress =>
        {
            last = progress.NewEvaluations.Count > 0 ? progress.NewEvaluations[^1] : last;
            return Task.CompletedTask;
        }, new WatchOptions(RoundCursor: 0));
        var status = await watch.WhenOverAsync();
        return (status.ElapsedSeconds, last, status);
    }
}
