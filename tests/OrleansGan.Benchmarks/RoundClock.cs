using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansGan.Grains.Telemetry;

namespace OrleansGan.Benchmarks;

/// <summary>
/// Times a game's rounds and nothing else, as the plain loops time theirs: from the start of its first round to the
/// end of its last, by the round-duration histogram the game records synchronously at the end of every round (the
/// round's moves, the history write and the progress push between rounds are in; the evaluations before round 1 and
/// after the last round, which the plain loops do not do, are out). The game's own clock
/// (<c>GameStatus.ElapsedSeconds</c>) covers both evaluations, and 2-D evaluations also compute a field (~40 ms each).
/// Listens in this process only, so the silo must be embedded.
/// </summary>
internal sealed class RoundClock : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, Window> _games = new();

    public RoundClock()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GameInstruments.MeterName && instrument.Name == GameInstruments.RoundDurationName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnRound);
        _listener.Start();
    }

    /// <summary>
    /// This process's CPU time (all threads, libtorch's OpenMP workers included) per round over the window from the
    /// first round's start to the last round's end of all games recorded so far under <paramref name="prefix"/>;
    /// sampled at each round's end, so the window's first round is counted from its end. Less noisy than wall time
    /// on a loaded machine: it says how much work a round is, not how long it waited for a core.
    /// </summary>
    public double CpuMillisecondsPerRound(string prefix)
    {
        var windows = _games.Where(g => g.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(g => g.Value).ToList();
        var first = windows.MinBy(w => w.FirstStart)!;
        var last = windows.MaxBy(w => w.LastEnd)!;
        return (last.LastCpu - first.FirstCpu).TotalMilliseconds / (windows.Sum(w => w.Rounds) - 1);
    }

    /// <summary>The runtime's work per round over the same window as <see cref="CpuMillisecondsPerRound"/> (<see cref="RuntimeTally"/>).</summary>
    public IEnumerable<string> RuntimePerRound(string prefix)
    {
        var windows = _games.Where(g => g.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(g => g.Value).ToList();
        return RuntimeTally.PerRound(windows.MinBy(w => w.FirstStart)!.FirstTally, windows.MaxBy(w => w.LastEnd)!.LastTally, windows.Sum(w => w.Rounds) - 1);
    }

    /// <summary>Rounds per second of <paramref name="gameId"/> over its rounds alone.</summary>
    public double RoundsPerSecond(string gameId) =>
        _games.TryGetValue(gameId, out var w) && w.Rounds > 0
            ? w.Rounds / Stopwatch.GetElapsedTime(w.FirstStart, w.LastEnd).TotalSeconds
            : throw new InvalidOperationException($"no round of game {gameId} was recorded");

    public void Dispose() => _listener.Dispose();

    private void OnRound(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var end = Stopwatch.GetTimestamp();
        string? id = null;
        foreach (var tag in tags)
        {
            if (tag.Key == TagNames.GameId)
            {
                id = tag.Value as string;
            }
        }

        if (id is null)
        {
            return;
        }

        var start = end - (long)(seconds * Stopwatch.Frequency);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var tally = RuntimeTally.Now();
        _games.AddOrUpdate(id, _ => new Window(start, end, 1, cpu, cpu, tally, tally), (_, w) => w with { LastEnd = end, Rounds = w.Rounds + 1, LastCpu = cpu, LastTally = tally });
    }

    private sealed record Window(long FirstStart, long LastEnd, int Rounds, TimeSpan FirstCpu, TimeSpan LastCpu, RuntimeTally FirstTally, RuntimeTally LastTally);
}
