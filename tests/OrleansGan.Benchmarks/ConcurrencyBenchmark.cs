using System.Diagnostics;
using System.Globalization;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Watching;
using OrleansGan.Core.Spec;

namespace OrleansGan.Benchmarks;

/// <summary>
/// Many small games on one silo at once: aggregate rounds/s against one game alone, repetitions interleaved, and
/// the slowest game's rounds/s (a stalled game shows there).
/// </summary>
internal static class ConcurrencyBenchmark
{
    public static async Task RunAsync(IClusterClient client, Dictionary<string, string> options)
    {
        var games = options.Int("games", 16);
        var rounds = options.Int("rounds", 300);
        var reps = options.Int("reps", 3);
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "load", ["rounds"] = rounds.ToString(CultureInfo.InvariantCulture), ["batchSize"] = "64",
            ["generator.hidden"] = "[64,64]", ["discriminator.hidden"] = "[64,64]",
            ["evaluation.every"] = "100", ["evaluation.samples"] = "500", ["checkpoint.every"] = "100",
        });
        Console.WriteLine($"# small games (2x64 MLPs, batch 64, {rounds} rounds, evaluation and checkpoint every 100), {reps} interleaved repetitions (+1 warm-up)");
        Console.WriteLine("| games at once | aggregate rounds/s (median) | slowest game rounds/s (median) | aggregate / one game alone |");
        Console.WriteLine("|---:|---:|---:|---:|");
        var alone = new List<double>();
        var together = new List<(double Aggregate, double Slowest)>();
        var run = 0;
        for (var rep = 0; rep <= reps; rep++)
        {
            var one = await PlayAsync(client, spec, 1, $"load-{run++}");
            var many = await PlayAsync(client, spec, games, $"load-{run++}");
            if (rep > 0)
            {
                alone.Add(one.Aggregate);
                together.Add(many);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 1 | {alone.Median():F1} | {alone.Median():F1} | 1.00 |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {games} | {together.Select(t => t.Aggregate).Median():F1} | {together.Select(t => t.Slowest).Median():F1} | {together.Select(t => t.Aggregate).Median() / alone.Median():F2} |"));
    }

    private static async Task<(double Aggregate, double Slowest)> PlayAsync(IClusterClient client, OrleansGan.Abstractions.Spec.GameSpec spec, int count, string prefix)
    {
        var clock = Stopwatch.StartNew();
        var finished = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var game = client.GetGrain<OrleansGan.Abstractions.Grains.IGameGrain>($"{prefix}-{i}");
            await game.StartAsync(spec);
            await using var watch = GameWatch.Start(client, game);
            var status = await watch.WhenOverAsync();
            return status.State == GameState.Finished ? status.ElapsedSeconds : throw new InvalidOperationException(status.Error);
        }));
        return (count * spec.Rounds / clock.Elapsed.TotalSeconds, spec.Rounds / finished.Max());
    }
}
