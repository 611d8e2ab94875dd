using System.Collections.Concurrent;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Live;

/// <summary>
/// The records of the games the live pages show, paged from each game grain once and then only what is new (a page
/// redrawn every few rounds must not page a long game from round 1 each time). At most <see cref="Capacity"/> games
/// are held, the least recently viewed dropped first (a dropped game is paged again if it is viewed again); of each,
/// its rounds as at most <see cref="RoundCurve.Capacity"/> bucket means (the curves' points), the figures of at most
/// <see cref="EvaluationCapacity"/> evaluations evenly spread (every one up to that many), the samples and digits of
/// its latest evaluation and the field of the latest that holds one, and the pictures last drawn from those (so any
/// number of viewers cost one drawing per evaluation). By their sizes a game of any length thus holds about 2 MB
/// here besides its latest samples and field.
/// </summary>
internal sealed class LiveRecords : IDisposable
{
    /// <summary>Games held at most.</summary>
    public const int Capacity = 16;

    private static readonly ConcurrentDictionary<string, LiveRecords> Games = new();
    private static long _clock;

    private readonly SemaphoreSlim _lock = new(1, 1);
    /// <summary>Evaluations whose figures are held at most (evenly spread over the game; about 200 bytes each).</summary>
    public const int EvaluationCapacity = 4096;

    private readonly RoundCurve _rounds = new();
    private readonly EvenlyThinned<EvaluationRecord> _evaluations = new(EvaluationCapacity);
    private EvaluationRecord? _latest;
    private (int Number, EvaluationRecord Record)? _latestField;
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
    /// What the game's pages draw: its spec, its rounds' curve points, its evaluations' figures (the latest one whole),
    /// the latest evaluation that holds a field, and its held-out real sample (2-D mixtures).
    /// </summary>
    public static async Task<LiveView> ReadAsync(string id, IGameGrain game)
    {
        var entry = Entry(id);
        await entry._lock.WaitAsync();
        try
        {
            await entry.CatchUpAsync(game);
            entry._realSample ??= entry._spec is null ? null : Pictures.RealSample(entry._spec);
            var evaluations = entry._evaluations.Items.ToArray();
            if (evaluations.Length > 0)
            {
                evaluations[^1] = entry._latest!;
            }

            return new LiveView(entry._spec, entry._rounds.Points, evaluations, entry._evaluations.Count, entry._latestField?.Record,
                entry._latestField?.Number ?? 0, entry._realSample ?? []);
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
                _rounds.TruncateTo(page.RoundsCompleted);
                if (page.EvaluationsCompleted < _evaluations.Count)
                {
                    // Only the latest record is held whole: the one before the first played again is paged once more.
                    var keep = Math.Max(0, page.EvaluationsCompleted - 1);
                    _evaluations.TruncateTo(keep);
                    _latest = null;
                    if (_latestField is { } field && field.Number > keep)
                    {
                        _latestField = null;
                    }
                }

                continue;
            }

            if (page.NewRounds.Count == 0 && page.NewEvaluations.Count == 0)
            {
                return;
            }

            foreach (var round in page.NewRounds)
            {
                _rounds.Add(round);
            }

            foreach (var evaluation in page.NewEvaluations)
            {
                _evaluations.Add(evaluation.FiguresOnly());
                _latest = evaluation;
                if (evaluation.Field is not null)
                {
                    _latestField = (_evaluations.Count, evaluation);
                }
            }
        }
    }
}

/// <summary>What a game's live pages draw from (<see cref="LiveRecords.ReadAsync"/>).</summary>
/// <param name="Spec">The game's spec; null before it has started.</param>
/// <param name="Rounds">The curves' points: bucket means of consecutive rounds (<see cref="RoundCurve"/>).</param>
/// <param name="Evaluations">Evaluations' figures, evenly spread, the latest last and whole (samples, digits, field).</param>
/// <param name="EvaluationsSeen">Evaluations the game has recorded.</param>
/// <param name="LatestField">The latest evaluation that holds a field (with <c>evaluation.fieldEvery</c> above 1 not always the latest).</param>
/// <param name="LatestFieldNumber">Its number (1: the game's first evaluation); 0 with none.</param>
/// <param name="RealSample">The held-out real sample the evaluations are drawn over (2-D mixtures).</param>
internal sealed record LiveView(GameSpec? Spec, RoundRecord[] Rounds, EvaluationRecord[] Evaluations, int EvaluationsSeen,
    EvaluationRecord? LatestField, int LatestFieldNumber, float[] RealSample);
