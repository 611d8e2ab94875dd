using System.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
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

    // The game's clock covers its rounds and its evaluations, not the client's polling.
    public static async Task<(double Seconds, EvaluationRecord? Last, GameStatus Status)> GrainsAsync(IClusterClient client, GameSpec spec, string id)
    {
        var game = client.GetGrain<IGameGrain>(id);
        await game.StartAsync(spec);
        var evaluations = 0;
        EvaluationRecord? last = null;
        while (true)
        {
            var status = await game.GetStatusAsync(int.MaxValue, evaluations);
            evaluations += status.NewEvaluations.Count;
            last = status.NewEvaluations.Count > 0 ? status.NewEvaluations[^1] : last;
            if (status.IsOver && status.NewEvaluations.Count == 0)
            {
                return (status.ElapsedSeconds, last, status);
            }

            await Task.Delay(10);
        }
    }
}
