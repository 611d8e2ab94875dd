using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Abstractions.Watching;
using OrleansGan.Core.Spec;

namespace OrleansGan.Telemetry.Tests.Silo;

/// <summary>Small games for the telemetry tests: narrow networks on the ring, so that rounds take milliseconds.</summary>
internal static class Games
{
    /// <summary>A small game; with <paramref name="diagnoseEvery"/> it diagnoses itself that often, cheaply (float32, a 64-sample batch, few eigenvalues).</summary>
    public static GameSpec Small(int rounds, int evaluateEvery, int diagnoseEvery = 0) => GameSpecLoader.Load(null, new Dictionary<string, string>
    {
        ["diagnostics.every"] = $"{diagnoseEvery}",
        ["diagnostics.batchSize"] = "64",
        ["diagnostics.chunks"] = "4",
        ["diagnostics.eigenvalues"] = "3",
        ["diagnostics.extremeEigenvalues"] = "2",
        ["diagnostics.maxRestarts"] = "10",
        ["diagnostics.precision"] = "float32",
        ["diagnostics.dualityGap.steps"] = "10",
        ["diagnostics.dualityGap.scoreBatches"] = "2",
        ["diagnostics.pathAngle.points"] = "3",
        ["name"] = "telemetry",
        ["rounds"] = $"{rounds}",
        ["batchSize"] = "64",
        ["loss"] = "minimax",
        ["protocol.kind"] = "alternating",
        ["protocol.discriminatorSteps"] = "2",
        ["protocol.generatorSteps"] = "1",
        ["generator.hidden"] = "[32, 32]",
        ["discriminator.hidden"] = "[32, 32]",
        ["evaluation.every"] = $"{evaluateEvery}",
        ["evaluation.samples"] = "500",
    });

    public static string NewId(string purpose) => $"{purpose}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Starts the game and awaits its end, as its watch reports it.</summary>
    public static async Task<GameStatus> PlayToEndAsync(IClusterClient client, string id, GameSpec spec, TimeSpan limit)
    {
        var game = client.GetGrain<IGameGrain>(id);
        await game.StartAsync(spec);
        return await UntilOverAsync(client, game, limit);
    }

    /// <summary>Awaits the game's end, as its watch reports it.</summary>
    public static async Task<GameStatus> UntilOverAsync(IClusterClient client, IGameGrain game, TimeSpan limit)
    {
        await using var watch = GameWatch.Start(client, game);
        try
        {
            return await watch.WhenOverAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the game did not end within {limit.TotalSeconds:0} s: {watch.Latest?.State} at round {watch.Latest?.RoundsCompleted}");
            throw;
        }
    }
}
