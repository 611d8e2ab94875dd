using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Diagnostics;
using OrleansGan.Grains.Protocols;

namespace OrleansGan.Grains.Tests.Diagnostics;

/// <summary>Points of small games for the diagnostics' tests: players seated on the cluster, probes opened on them.</summary>
internal static class ProbedPoints
{
    /// <summary>MLP players of about a thousand parameters (G 4-16-16-2, D 2-24-24-1) on the ring.</summary>
    public static GameSpec SmallGame(string loss, string activation = "tanh", params (string Field, string Value)[] more) =>
        GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "diagnostics-test", ["seed"] = "7", ["batchSize"] = "64", ["loss"] = loss,
            ["generator.latentSize"] = "4", ["generator.hidden"] = "[16,16]", ["discriminator.hidden"] = "[24,24]",
            ["generator.activation"] = activation, ["discriminator.activation"] = activation,
        }.Concat(more.Select(m => KeyValuePair.Create(m.Field, m.Value))));

    /// <summary>
    /// Seats a pair for <paramref name="spec"/>, moves it off its initialisation by N(0, 0.3^2) noise on every weight,
    /// and opens float64 probes on a 64-sample diagnostic batch in 4 chunks.
    /// </summary>
    public static async Task<(ProbedGame Game, PlayerPair Pair, PlayerState Generator, PlayerState Discriminator, DiagnosticBatch Batch)> OpenAsync(
        IGrainFactory grains, GameSpec spec, string key, int krylovSlots = 40)
    {
        var pair = await new PlayerCopies(grains).SeatAsync(key, spec);
        await pair.Generator.RestoreWeightsAsync(await pair.Generator.SaveStateAsync(), 0.3, 11);
        await pair.Discriminator.RestoreWeightsAsync(await pair.Discriminator.SaveStateAsync(), 0.3, 12);
        var batch = new DiagnosticBatch(64, 4, 21, 22);
        var game = await ProbedGame.OpenAsync(pair.Generator, pair.Discriminator, new ProbeSetup(batch, 0, TensorPrecision.Float64), krylovSlots);
        return (game, pair, await pair.Generator.SaveStateAsync(), await pair.Discriminator.SaveStateAsync(), batch);
    }

    /// <summary>The players' states at the start of <paramref name="spec"/> (its initial values).</summary>
    public static async Task<(PlayerState Generator, PlayerState Discriminator)> StartOfAsync(IGrainFactory grains, GameSpec spec, string key)
    {
        var copies = new PlayerCopies(grains);
        var pair = await copies.SeatAsync(key, spec);
        try
        {
            return (await pair.Generator.SaveStateAsync(), await pair.Discriminator.SaveStateAsync());
        }
        finally
        {
            await copies.ReleaseAsync(key, pair);
        }
    }

    /// <summary>Writes a checkpoint of <paramref name="spec"/> at <paramref name="round"/> with the given states into the cluster's store.</summary>
    public static Task KeepAsync(string checkpointRoot, string gameId, GameSpec spec, int round, PlayerState generator, PlayerState discriminator) =>
        new FileCheckpointStore(checkpointRoot).SaveAsync(gameId, GameCheckpointFormat.Write(new GameCheckpoint(spec with { Rounds = Math.Max(spec.Rounds, round) }, round, 0, [], [], generator.Data, discriminator.Data)));

    /// <summary>|a - b| / |b|.</summary>
    public static double RelativeError(double[] a, double[] b)
    {
        Assert.Equal(b.Length, a.Length);
        var difference = Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());
        var norm = Math.Sqrt(b.Sum(y => y * y));
        return difference / norm;
    }
}
