using System.Globalization;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;

namespace OrleansGan.Benchmarks;

/// <summary>
/// The tutorial's toolbox side by side: every loss without a stabilizer and with each stabilizer that applies to it,
/// on the data asked for, over several seeds; the final evaluation's figures (medians over seeds, and each seed's), rounds/s and wall time on grains.
/// Variants are spec overrides (path=value), exactly what `orleans-gan run --set` takes, so any row can be replayed
/// from the command line.
/// </summary>
internal static class ToolboxBenchmark
{
    public static async Task RunAsync(IClusterClient client, Dictionary<string, string> options)
    {
        var seeds = options.List("seeds", "1,2,3");
        var data = options.List("data", "ring8");
        var lossNames = options.List("losses", string.Join(',', ToolboxVariants.Losses.Select(l => l.Name)));
        var stabilizerNames = options.List("stabilizers", string.Join(',', ToolboxVariants.Stabilizers.Select(s => s.Name)));
        var crossed = options.GetValueOrDefault("cross", "all");
        var run = 0;
        foreach (var kind in data)
        {
            var setting = ToolboxVariants.Setting(kind, options);
            Console.WriteLine($"# {kind}: {setting.Description}; seeds {string.Join(",", seeds)}; each row replays with `orleans-gan run` and the overrides shown");
            Console.WriteLine(kind == "mnist"
                ? "| loss | stabilizer | classes covered (median) | Fréchet distance (median) | confidence % (median) | class accuracy % (conditional G, median) | per seed (classes/FD) | rounds/s (median) | wall time s (median) | overrides |"
                : "| loss | stabilizer | modes covered (mean) | high-quality % (mean) | per seed (modes/hq%) | rounds/s | wall time s (mean) | overrides |");
            Console.WriteLine(kind == "mnist" ? "|---|---|---:|---:|---:|---:|---|---:|---:|---|" : "|---|---|---:|---:|---|---:|---:|---|");
            foreach (var loss in ToolboxVariants.Losses.Where(l => lossNames.Contains(l.Name)))
            {
                foreach (var stabilizer in ToolboxVariants.Stabilizers.Where(s => stabilizerNames.Contains(s.Name) && s.AppliesTo(loss)))
                {
                    // "--cross none" measures each loss bare and each stabilizer with the default loss only.
                    if (crossed == "none" && stabilizer.Name != "none" && loss.Name != "non-saturating")
                    {
                        continue;
                    }

                    var overrides = new Dictionary<string, string>(setting.Overrides);
                    foreach (var (key, value) in loss.For(kind).Concat(stabilizer.For(kind)))
                    {
                        overrides[key] = value;
                    }

                    var results = new List<(EvaluationRecord? Last, double Seconds, string? Error)>();
                    foreach (var seed in seeds)
                    {
                        overrides["seed"] = seed;
                        overrides["name"] = $"toolbox-{kind}";
                        GameSpec spec;
                        try
                        {
                            spec = GameSpecLoader.Load(null, overrides);
                        }
                        catch (InvalidGameSpecException refused)
                        {
                            // A combination the game refuses is a row that says why, not the end of the table.
                            Console.WriteLine($"| {loss.Name} | {stabilizer.Name} | refused: {string.Join("; ", refused.Problems)} |");
                            results.Clear();
                            break;
                        }

                        var (seconds, last, status) = await GameTiming.GrainsAsync(client, spec, $"toolbox-{run++}");
                        results.Add((last, seconds, status.Error));
                    }

                    if (results.Count == 0)
                    {
                        continue;
                    }

                    var shown = string.Join(" ", loss.For(kind).Concat(stabilizer.For(kind)).Select(o => $"{o.Key}={o.Value}"));
                    Console.WriteLine(Row(kind, loss.Name, stabilizer.Name, results, setting.Rounds, shown));
                }
            }
        }
    }

    private static string Row(string kind, string loss, string stabilizer, List<(EvaluationRecord? Last, double Seconds, string? Error)> results, int rounds, string overrides)
    {
        var ok = results.Where(r => r.Error is null && r.Last is not null).Select(r => r.Last!).ToList();
        var failed = results.Count - ok.Count;
        var firstError = results.Select(r => r.Error).FirstOrDefault(e => e is not null);
        var note = failed == 0 ? "" : $" ({failed} of {results.Count} stopped: {firstError?.Split('\n')[0]})";
        var wall = results.Select(r => r.Seconds).Median();
        var rate = rounds / wall;
        return kind == "mnist"
            ? string.Create(CultureInfo.InvariantCulture,
                $"| {loss} | {stabilizer}{note} | {Median(ok, e => e.ModesCovered):F1}/10 | {Median(ok, e => e.FrechetDistance ?? double.NaN):F1} | {100 * Median(ok, e => e.MeanConfidence ?? double.NaN):F1} | {(ok.Any(e => e.ClassAccuracy is not null) ? (100 * Median(ok, e => e.ClassAccuracy ?? double.NaN)).ToString("F1", CultureInfo.InvariantCulture) : "")} | "
                + $"{string.Join(", ", results.Select(r => r.Last is { } e && r.Error is null ? $"{e.ModesCovered}/{e.FrechetDistance:F1}" : "x"))} | {rate:F1} | {wall:F0} | `{overrides}` |")
            : string.Create(CultureInfo.InvariantCulture,
                $"| {loss} | {stabilizer}{note} | {Median(ok, e => e.ModesCovered):F1}/{ok.Select(e => e.ModeCount).DefaultIfEmpty(0).Max()} | {100 * Median(ok, e => e.HighQualityFraction):F1} | "
                + $"{string.Join(", ", results.Select(r => r.Last is { } e && r.Error is null ? $"{e.ModesCovered}/{100 * e.HighQualityFraction:F0}" : "x"))} | {rate:F1} | {wall:F0} | `{overrides}` |");
    }

    // Medians over seeds: one seed that collapses or explodes moves a mean far more than it moves what a seed
    // typically does.
    private static double Median(List<EvaluationRecord> records, Func<EvaluationRecord, double> figure) =>
        records.Count == 0 ? double.NaN : records.Select(figure).Median();
}
