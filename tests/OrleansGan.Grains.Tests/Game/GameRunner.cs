using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>Starts a game and collects every record until it is over.</summary>
internal static class GameRunner
{
    public static async Task<(GameStatus Last, List<RoundRecord> Rounds, List<EvaluationRecord> Evaluations)> PlayAsync(
        IClusterClient client, string id, GameSpec spec, TimeSpan? limit = null)
    {
        var game = client.GetGrain<IGameGrain>(id);
        await game.StartAsync(spec);
        var rounds = new List<RoundRecord>();
        var evaluations = new List<EvaluationRecord>();
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(5));
        while (true)
        {
            var status = await game.GetStatusAsync(rounds.Count, evaluations.Count);
            rounds.AddRange(status.NewRounds);
            evaluations.AddRange(status.NewEvaluations);
            if (status.IsOver && status.NewRounds.Count == 0 && status.NewEvaluations.Count == 0)
            {
                return (status, rounds, evaluations);
            }

            Assert.True(DateTime.UtcNow < deadline, $"game {id} did not finish in time: {status.State} at round {status.RoundsCompleted}");
            if (!status.IsOver)
            {
                await Task.Delay(20);
            }
        }
    }
}
