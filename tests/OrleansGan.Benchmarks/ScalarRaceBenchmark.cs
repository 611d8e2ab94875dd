using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Globalization;
using OrleansGan.Core.Native;
using static TorchSharp.torch;

namespace OrleansGan.Benchmarks;

/// <summary>
/// Measures the TorchSharp 0.107 race described in docs/known-issues.md: `a + b` makes a Scalar (alpha = 1) that
/// nothing keeps alive during the native call, so a collection started by another thread can finalize it while
/// libtorch reads it. One thread adds two small tensors as fast as it can while a second thread allocates garbage;
/// "implicit" is TorchSharp's operator, "rooted" the same add with a Scalar that a live variable holds. The two run
/// alternately, several repetitions each, so that they share the machine's conditions. Only libtorch's refusal of a
/// freed Scalar counts as a failure; any other error ends the benchmark.
/// </summary>
internal static class ScalarRaceBenchmark
{
    public static void Run(Dictionary<string, string> options)
    {
        TorchRuntime.EnsureLoaded();
        var seconds = options.Int("seconds", 10);
        var reps = options.Int("reps", 3);
        Console.WriteLine($"# {reps} repetitions of {seconds} s per variant, alternating; one adding thread, one allocating thread");
        Console.WriteLine("| variant | adds (median) | collections (median) | failed adds per repetition | failures per 1,000 collections (median) |");
        Console.WriteLine("|---|---:|---:|---|---:|");
        var results = new Dictionary<string, List<(long Adds, long Collections, long Failures)>> { ["implicit"] = [], ["rooted"] = [] };
        for (var rep = 0; rep < reps; rep++)
        {
            foreach (var variant in results.Keys)
            {
                results[variant].Add(Measure(variant == "rooted", TimeSpan.FromSeconds(seconds)));
            }
        }

        foreach (var (variant, runs) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {variant} | {runs.Select(r => (double)r.Adds).Median():F0} | {runs.Select(r => (double)r.Collections).Median():F0} | {string.Join(", ", runs.Select(r => r.Failures))} | {runs.Select(r => 1000.0 * r.Failures / Math.Max(1, r.Collections)).Median():F2} |"));
        }
    }

    private static (long Adds, long Collections, long Failures) Measure(bool rooted, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var collectionsBefore = GC.CollectionCount(0);
        long adds = 0, failures = 0;
        var garbage = new Thread(() =>
        {
            while (clock.Elapsed < duration)
            {
                GC.KeepAlive(new byte[256]);
            }
        });
        var adder = new Thread(() =>
        {
            using var scope = NewDisposeScope();
            var a = randn(4, dtype: ScalarType.Float64);
            var b = randn(4, dtype: ScalarType.Float64);
            using TorchSharp.Scalar one = 1;
            while (clock.Elapsed < duration)
            {
                using var batch = NewDisposeScope();
                for (var i = 0; i < 1000; i++, adds++)
                {
                    try
                    {
                        _ = rooted ? a.add(b, one) : a + b;
                    }
                    catch (ExternalException e) when (ScalarRace.Caused(e))
                    {
                        failures++;
                    }
                }
            }
        });
        garbage.Start();
        adder.Start();
        adder.Join();
        garbage.Join();
        return (adds, GC.CollectionCount(0) - collectionsBefore, failures);
    }
}
