using System.Globalization;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;

namespace OrleansGan.Benchmarks;

/// <summary>
/// Every protocol on the ring and the grid, several seeds each: final modes covered and high-quality share (means
/// over seeds), rounds/s and wall time on grains; and each protocol's grains/reference time ratio on a short run.
/// </summary>
internal static class ProtocolsBenchmark
{
    public static async Task RunAsync(IClusterClient client, Dictionary<string, string> options)
    {
        var rounds = options.Int("rounds", 5000);
        var overheadRounds = options.Int("overhead-rounds", 100);
        var seeds = options.List("seeds", "1,2,3");
        var data = options.List("data", "ring8,grid25");
        var protocols = options.List("protocols", "simultaneous,alternating,two-time-scale,optimistic,extragradient,unrolled,unrolled-stop-gradient,consensus");
        var loss = options.GetValueOrDefault("loss", "non-saturating");
        var batch = options.Int("batch", 256);
        Console.WriteLine($"# {rounds} rounds, batch {batch}, 3x128 MLPs, Adam (lr 1e-3, beta1 0.5; D 2e-3 under two-time-scale), {loss} loss, unrolled k=5, consensus gamma=1, seeds {string.Join(",", seeds)}");
        Console.WriteLine("| data | protocol | modes covered (mean) | high-quality % (mean) | per seed (modes/hq%) | rounds/s | wall time s (mean) | grains/reference time |");
        Console.WriteLine("|---|---|---:|---:|---|---:|---:|---:|");
        var run = 0;
        foreach (var kind in data)
        {
            foreach (var protocol in protocols)
            {
                var results = new List<(int Modes, double Quality, double Seconds, int ModeCount)>();
                GameSpec spec = null!;
                foreach (var seed in seeds)
                {
                    spec = Spec(kind, protocol, loss, seed, rounds, batch);
                    var (seconds, last, status) = await GameTiming.GrainsAsync(client, spec, $"protocols-{run++}");
                    results.Add(last is null || status.Error is not null ? (0, 0, seconds, 0) : (last.ModesCovered, last.HighQualityFraction, seconds, last.ModeCount));
                }

                var shortSpec = spec with { Rounds = overheadRounds, Evaluation = spec.Evaluation with { Every = overheadRounds, Samples = 1 } };
                var reference = GameTiming.Reference(shortSpec);
                var (grains, _, _) = await GameTiming.GrainsAsync(client, shortSpec, $"protocols-{run++}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {kind} | {spec.Protocol} | {results.Average(r => r.Modes):F1}/{results.Max(r => r.ModeCount)} | {100 * results.Average(r => r.Quality):F1} | "
                    + $"{string.Join(", ", results.Select(r => $"{r.Modes}/{100 * r.Quality:F0}"))} | {rounds / results.Average(r => r.Seconds):F1} | "
                    + $"{results.Average(r => r.Seconds):F0} | {grains / reference:F2} |"));
            }
        }
    }

    private static GameSpec Spec(string data, string protocol, string loss, string seed, int rounds, int batch) =>
        GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "protocols", ["seed"] = seed, ["rounds"] = rounds.ToString(CultureInfo.InvariantCulture), ["batchSize"] = batch.ToString(CultureInfo.InvariantCulture),
            ["data.kind"] = data, ["loss"] = loss, ["protocol.kind"] = protocol, ["protocol.unrollSteps"] = "5", ["protocol.consensusWeight"] = "1",
            ["generator.hidden"] = "[128,128,128]", ["discriminator.hidden"] = "[128,128,128]",
            ["discriminator.optimizer.learningRate"] = protocol == "two-time-scale" ? "2e-3" : "1e-3",
            ["evaluation.every"] = rounds.ToString(CultureInfo.InvariantCulture),
        });
}
