using System.Collections.Concurrent;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Live;

/// <summary>
/// The records of the games the live pages show, paged from each game grain once and then only what is new (a page
/// redrawn every few rounds must not page a long game from round 1 each time). At most <see cref="Capacity"/> games
/// are held, the least recently viewed dropped first (a dropped game is paged again if it is viewed again); of each,
/// every round record, every evaluation's figures, but the samples, digits and field of its latest evaluation only,
/// and the pictures last drawn from that one (so any number of viewers cost one drawing per evaluation).
/// </summary>
internal sealed class LiveRecords : IDisposable
{
    /// <summary>Games held at most.</summary>
    public const int Capacity = 16;

    private static readonly ConcurrentDictionary<string, LiveRecords> Games = new();
    private static long _clock;

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly List<RoundRecord> _rounds = [];
    private readonly List<EvaluationRecord> _evaluations = [];
    private readonly Dictionary<string, (int Evaluations, byte[] Png)> _drawn = [];
    private GameSpec? _spec;
    private float[]? _realSample;
    private long _used;

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    /// <summary>Games held now (for tests of the bound).</summary>
    public static int Held => Games.Count;

    /// <summary>Whether a game's records are held now.</summary>
    public static bool Holds(string id) => Games.ContainsKey(id);

    /// <summary>
    /// The game's spec, every round record and evaluation so far (only the latest with its samples, digits and
    /// field), and its held-out real sample (2-D mixtures).
    /// </summary>
    public static async Task<(GameSpec? Spec, RoundRecord[] Rounds, EvaluationRecord[] Evaluations, float[] RealSample)> ReadAsync(string id, IGameGrain game)
    {
        var entry = Entry(id);
        await entry._lock.WaitAsync();
        try
        {
            await entry.CatchUpAsync(game);
            entry._realSample ??= entry._spec is null ? null : Pictures.RealSample(entry._spec);
            return (entry._spec, [.. entry._rounds], [.. entry._evaluations], entry._realSample ?? []);
        }
        finally
        {
            entry._lock.Release();
        }
    }

    /// <summary>
    /// A picture of the game's latest evaluation (<paramref name="kind"/> names it): drawn by <paramref name="draw"/>
    /// once per evaluation, then the same bytes for every viewer.
    /// </summary>
    public static byte[] Drawn(string id, string kind, int evaluations, Func<byte[]> draw)
    {
        var entry = Entry(id);
        lock (entry._drawn)
        {
            if (entry._drawn.TryGetValue(kind, out var drawn) && drawn.Evaluations == evaluations)
            {
                return drawn.Png;
            }
        }

        var png = draw();
        lock (entry._drawn)
        {
            entry._drawn[kind] = (evaluations, png);
        }

        return png;
    }

    // The game's entry, marked as just used; a new one may push the least recently used game out. A dropped entry is
    // not disposed: a reader may still hold its lock, and a SemaphoreSlim whose wait handle was never asked for holds
    // nothing the collector cannot take back.
    private static LiveRecords Entry(string id)
    {
        var entry = Games.GetOrAdd(id, _ => new LiveRecords());
        entry._used = Interlocked.Increment(ref _clock);
        while (Games.Count > Capacity)
        {
            var oldest = Games.Where(g => g.Key != id).MinBy(g => Volatile.Read(ref g.Value._used));
            if (oldest.Key is null || !Games.TryRemove(oldest))
            {
                break;
            }
        }

        return entry;
    }

    private async Task CatchUpAsync(IGameGrain game)
    {
        _spec ??= await game.GetSpecAsync();
        while (true)
        {
            var page = await game.GetStatusAsync(_rounds.Count, _evaluations.Count);
            if (page.RoundsCompleted < _rounds.Count || page.EvaluationsCompleted < _evaluations.Count)
            {
                // The game went back to a checkpoint: what we hold past it will be played again.
                _rounds.RemoveRange(page.RoundsCompleted, _rounds.Count - page.RoundsCompleted);
                _evaluations.RemoveRange(page.EvaluationsCompleted, _evaluations.Count - page.EvaluationsCompleted);
                continue;
            }

            if (page.NewRounds.Count == 0 && page.NewEvaluations.Count == 0)
            {
                return;
            }

            _rounds.AddRange(page.NewRounds);
            if (page.NewEvaluations.Count > 0 && _evaluations.Count > 0)
            {
                _evaluations[^1] = FiguresOnly(_evaluations[^1]);
            }

            _evaluations.AddRange(page.NewEvaluations.Select((e, i) => i == page.NewEvaluations.Count - 1 ? e : FiguresOnly(e)));
        }
    }

    // The curves need an evaluation's figures; only the latest one's samples are ever drawn (tens of KB each).
    private static EvaluationRecord FiguresOnly(EvaluationRecord e) =>
        e with { Samples = new TensorBytes([], [0, e.Samples.Shape.Length > 1 ? e.Samples.Shape[1] : 0]), SampleGrid = null, Field = null };
}
