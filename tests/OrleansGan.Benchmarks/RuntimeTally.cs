using System.Collections.Concurrent;
using System.Globalization;

namespace OrleansGan.Benchmarks;

/// <summary>
/// What the .NET runtime and Orleans do around a round, counted over a window of rounds: managed bytes allocated (all
/// threads), thread-pool work items completed (each grain call's request and its answer is at least one: the
/// hand-offs between threads), gen-0 collections, and grain calls by method (counted by the benchmark's own
/// incoming call filter, <see cref="CountCall"/>). Read at the end of every round, so cheap: a few counters.
/// </summary>
internal sealed record RuntimeTally(long AllocatedBytes, long WorkItems, int Gen0Collections, long GrainCalls)
{
    private static readonly ConcurrentDictionary<string, long> CallsByMethod = new();
    private static readonly ConcurrentDictionary<string, (long Calls, long Ticks)> TimedCalls = new();
    private static long _calls;

    /// <summary>The counters now.</summary>
    public static RuntimeTally Now() => new(GC.GetTotalAllocatedBytes(precise: false), ThreadPool.CompletedWorkItemCount, GC.CollectionCount(0), Interlocked.Read(ref _calls));

    /// <summary>Counts one grain call (the benchmark silo's incoming call filter calls this).</summary>
    public static void CountCall(string method)
    {
        Interlocked.Increment(ref _calls);
        CallsByMethod.AddOrUpdate(method, 1, (_, n) => n + 1);
    }

    /// <summary>
    /// Adds one call's time inside the grain (the filter's <c>Invoke</c>: the move itself, after its arguments were
    /// read and before its answer is written), in <see cref="System.Diagnostics.Stopwatch"/> ticks.
    /// </summary>
    public static void TimeCall(string method, long ticks) =>
        TimedCalls.AddOrUpdate(method, (1, ticks), (_, t) => (t.Calls + 1, t.Ticks + ticks));

    /// <summary>Forgets the calls timed so far (the warm-up game's).</summary>
    public static void ForgetCallTimes() => TimedCalls.Clear();

    /// <summary>Lines "call-us METHOD MEAN CALLS-PER-ROUND", the mean time inside each timed method, per call.</summary>
    public static IEnumerable<string> CallTimes(long rounds) =>
        TimedCalls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Create(CultureInfo.InvariantCulture,
            $"call-us {c.Key} {c.Value.Ticks * 1e6 / System.Diagnostics.Stopwatch.Frequency / c.Value.Calls:F1} {(double)c.Value.Calls / rounds:F2}"));

    /// <summary>Grain calls by method so far.</summary>
    public static IReadOnlyDictionary<string, long> Calls => CallsByMethod;

    /// <summary>Lines "alloc-bytes/round X", "work-items/round X", "gen0/1000-rounds X", "grain-calls/round X" between two tallies.</summary>
    public static IEnumerable<string> PerRound(RuntimeTally first, RuntimeTally last, long rounds)
    {
        string Line(string name, double value) => string.Create(CultureInfo.InvariantCulture, $"{name} {value:F2}");
        yield return Line("alloc-bytes/round", (double)(last.AllocatedBytes - first.AllocatedBytes) / rounds);
        yield return Line("work-items/round", (double)(last.WorkItems - first.WorkItems) / rounds);
        yield return Line("gen0/1000-rounds", 1000.0 * (last.Gen0Collections - first.Gen0Collections) / rounds);
        yield return Line("grain-calls/round", (double)(last.GrainCalls - first.GrainCalls) / rounds);
    }
}
