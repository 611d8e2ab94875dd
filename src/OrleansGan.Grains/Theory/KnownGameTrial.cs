using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Abstractions.Watching;
using OrleansGan.Core.Theory;

namespace OrleansGan.Grains.Theory;

/// <summary>
/// Plays a known game on the player grains from a small perturbation of its equilibrium and measures how fast the
/// distance to the equilibrium shrinks or grows, to set beside what the update map's eigenvalues predict.
/// </summary>
public static class KnownGameTrial
{
    /// <summary>Start at theta = psi = this: deep in the linear regime, far above float32's underflow.</summary>
    public const double Start = 1e-6;

    /// <summary>Rounds played per trial.</summary>
    public const int Rounds = 3000;

    /// <summary>Rounds ignored at the start of the fit, while transients die out.</summary>
    public const int Skip = 100;

    /// <summary>The measured rate, with the trajectory it was measured on.</summary>
    public sealed record Outcome(double Rate, int RoundsMeasured, IReadOnlyList<IReadOnlyList<double>> Trajectory, GameState State);

    /// <summary>Plays the game and measures its per-round rate.</summary>
    public static async Task<Outcome> RunAsync(IGrainFactory grains, string gameId, GameSpec spec, TimeSpan? limit = null)
    {
        var trajectory = await PlayAsync(grains, gameId, spec, limit);
        var distances = trajectory.Positions.Select(p => Math.Sqrt(p.Sum(v => v * v))).ToList();
        var (rate, measured) = RateEstimate.Measure(distances, Skip);
        return new Outcome(rate, measured, trajectory.Positions, trajectory.State);
    }

    /// <summary>Plays the game to its end (or divergence) and returns every position, the start included.</summary>
    public static async Task<(List<IReadOnlyList<double>> Positions, GameState State)> PlayAsync(
        IGrainFactory grains, string gameId, GameSpec spec, TimeSpan? limit = null)
    {
        var game = grains.GetGrain<IGameGrain>(gameId);
        await game.StartAsync(spec);
        var start = new List<double> { spec.Generator.InitialValue ?? 0, spec.Discriminator.InitialValue ?? 0 };
        var positions = new List<IReadOnlyList<double>> { start };
        await using var watch = GameWatch.Start(grains, game, progress =>
        {
            positions.AddRange(progress.NewRounds.Select(r => r.Position ?? throw new InvalidOperationException("the game does not track its parameters")));
            return Task.CompletedTask;
        });
        try
        {
            var end = await watch.WhenOverAsync().WaitAsync(limit ?? TimeSpan.FromMinutes(10));
            return (positions, end.State);
        }
        catch (TimeoutException)
        {
            await game.CancelAsync();
            throw new TimeoutException($"known game {gameId} did not finish in time");
        }
    }
}
