using System.Globalization;
using OrleansGan.Core.Spec;

namespace OrleansGan.Benchmarks;

/// <summary>Rounds/s on grains against the reference trainer, repetitions interleaved so noise hits both alike.</summary>
internal static class OverheadBenchmark
{
    public static async Task RunAsync(IClusterClient client, Dictionary<string, string> options)
    {
        var rounds = options.Int("rounds", 200);
        var reps = options.Int("reps", 5);
        Console.WriteLine($"# {rounds} rounds per measurement, {reps} interleaved repetitions (+1 warm-up), ring8, 3x128 MLPs, Adam, cpu");
        Console.WriteLine("| protocol | batch | reference rounds/s | grains rounds/s | grains time / reference time (median, min, max) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var run = 0;
        foreach (var protocol in options.List("protocols", "simultaneous,alternating"))
        {
            foreach (var batch in options.List("batches", "64,256,1024").Select(b => int.Parse(b, CultureInfo.InvariantCulture)))
            {
                var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
                {
                    ["name"] = "bench", ["rounds"] = rounds.ToString(CultureInfo.InvariantCulture), ["batchSize"] = batch.ToString(CultureInfo.InvariantCulture),
                    ["protocol.kind"] = protocol, ["generator.hidden"] = "[128,128,128]", ["discriminator.hidden"] = "[128,128,128]",
                    ["evaluation.every"] = rounds.ToString(CultureInfo.InvariantCulture), ["evaluation.samples"] = "1",
                });
                var referenceTimes = new List<double>();
                var grainTimes = new List<double>();
                for (var rep = 0; rep <= reps; rep++)
                {
                    var reference = GameTiming.Reference(spec);
                    var (grains, _, _) = await GameTiming.GrainsAsync(client, spec, $"bench-{run++}");
                    if (rep > 0)
                    {
                        referenceTimes.Add(reference);
                        grainTimes.Add(grains);
                    }
                }

                var ratios = referenceTimes.Zip(grainTimes, (a, b) => b / a).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {spec.Protocol} | {batch} | {rounds / referenceTimes.Median():F1} | {rounds / grainTimes.Median():F1} | {ratios.Median():F3} ({ratios.Min():F3}, {ratios.Max():F3}) |"));
            }
        }
    }
}
