using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Watching;

namespace OrleansGan.Grains.Game;

/// <summary>
/// Those who watch one game, and what is pushed to them: the records since the last push, in one one-way message per
/// push, so that a fast game costs a watcher a few messages a second and a slow watcher costs the game nothing. A watch
/// lapses after <see cref="GameWatch.Lease"/> unless renewed. What waits for the next push is bounded: a watcher that
/// misses records (too many between pushes, or a push lost) fills the gap from the game's pages.
/// </summary>
internal sealed class GameWatchers(ILogger logger)
{
    private const int MaxPendingRounds = 10_000, MaxPendingEvaluations = 64;

    private readonly ObserverManager<IGameObserver> _observers = new(GameWatch.Lease, logger);
    private readonly List<RoundRecord> _rounds = [];
    private readonly List<EvaluationRecord> _evaluations = [];

    /// <summary>Starts or renews a watch.</summary>
    public void Watch(IGameObserver observer) => _observers.Subscribe(observer, observer);

    /// <summary>Ends a watch.</summary>
    public void Unwatch(IGameObserver observer) => _observers.Unsubscribe(observer);

    /// <summary>A round was played.</summary>
    public void Played(RoundRecord round) => Keep(_rounds, round, MaxPendingRounds);

    /// <summary>An evaluation was taken.</summary>
    public void Evaluated(EvaluationRecord evaluation) => Keep(_evaluations, evaluation, MaxPendingEvaluations);

    /// <summary>The game went back to a checkpoint: what waits was played after it, and will be played again.</summary>
    public void Rewound()
    {
        _rounds.Clear();
        _evaluations.Clear();
    }

    /// <summary>
    /// Pushes what is new since the last push, as <paramref name="status"/> makes it from the new records; with
    /// <paramref name="always"/>, even when nothing is (the game ended).
    /// </summary>
    public void Push(Func<IReadOnlyList<RoundRecord>, IReadOnlyList<EvaluationRecord>, GameStatus> status, bool always = false)
    {
        _observers.ClearExpired();
        if (_observers.Count > 0 && (always || _rounds.Count > 0 || _evaluations.Count > 0))
        {
            var progress = status([.. _rounds], [.. _evaluations]);
            _observers.Notify(observer => _ = observer.OnProgressAsync(progress));
        }

        Rewound();
    }

    private void Keep<T>(List<T> pending, T record, int max)
    {
        if (_observers.Count == 0)
        {
            return;
        }

        if (pending.Count >= max)
        {
            pending.RemoveRange(0, max / 2);
        }

        pending.Add(record);
    }
}
