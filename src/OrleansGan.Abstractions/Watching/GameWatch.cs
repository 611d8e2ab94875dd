using System.Threading.Channels;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;

namespace OrleansGan.Abstractions.Watching;

/// <summary>
/// Follows one game by the progress it pushes (<see cref="IGameObserver"/>) and awaits its end: every round record and
/// evaluation reaches <c>onProgress</c> once, in order, and <see cref="WhenOverAsync"/> completes when the game has
/// ended and everything it recorded has been delivered. A lost or reordered push shows as a gap, which the watch fills
/// from the game's pages; a game that goes back to a checkpoint pushes rounds the watch has already delivered, which it
/// skips. The watch renews its lease every <see cref="WatchOptions.Renewal"/>; a renewal also wakes a game whose silo
/// died (its next call activates it elsewhere, where it recovers) and notices an end whose push was lost. When the game
/// cannot be reached for <see cref="WatchOptions.Patience"/>, <see cref="WhenOverAsync"/> fails with a
/// <see cref="GameWatchLostException"/>; the game itself plays on.
/// </summary>
public sealed class GameWatch : IGameObserver, IAsyncDisposable
{
    /// <summary>How long a watch lasts at the game without renewal.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly IGameGrain _game;
    private readonly IGrainFactory _grains;
    private readonly IGameObserver _reference;
    private readonly Func<GameStatus, Task>? _onProgress;
    private readonly WatchOptions _options;
    private readonly Channel<GameStatus> _pushes = Channel.CreateUnbounded<GameStatus>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<GameStatus> _over = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _rounds;
    private int _evaluations;

    private GameWatch(IGrainFactory grains, IGameGrain game, Func<GameStatus, Task>? onProgress, WatchOptions options)
    {
        (_grains, _game, _onProgress, _options) = (grains, game, onProgress, options);
        (_rounds, _evaluations) = (options.RoundCursor, options.EvaluationCursor);
        _reference = grains.CreateObjectReference<IGameObserver>(this);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The latest status the watch has seen (totals and state; its records were delivered).</summary>
    public GameStatus? Latest { get; private set; }

    /// <summary>The game's id (a stand-in that is no grain reference names itself).</summary>
    public string GameId => (_game as GrainReference)?.GetPrimaryKeyString() ?? _game.ToString() ?? "";

    /// <summary>Rounds delivered so far (counting those before the starting cursor).</summary>
    public int RoundsSeen => Volatile.Read(ref _rounds);

    /// <summary>
    /// Starts following <paramref name="game"/>. <paramref name="onProgress"/> receives, in order and once each, every
    /// round record and evaluation after the cursors in <paramref name="options"/> (a status whose NewRounds and
    /// NewEvaluations are the new ones); the watch waits for it before delivering more. Without it the watch only
    /// awaits the end.
    /// </summary>
    public static GameWatch Start(IGrainFactory grains, IGameGrain game, Func<GameStatus, Task>? onProgress = null, WatchOptions? options = null) =>
        new(grains, game, onProgress, options ?? new WatchOptions());

    /// <summary>The game's final status (state, totals, error; no records) once it is over and every record was delivered.</summary>
    /// <exception cref="GameWatchLostException">The game could not be reached for the watch's patience.</exception>
    public Task<GameStatus> WhenOverAsync(CancellationToken cancel = default) => _over.Task.WaitAsync(cancel);

    /// <inheritdoc />
    Task IGameObserver.OnProgressAsync(GameStatus progress)
    {
        _pushes.Writer.TryWrite(progress);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
            await _game.UnwatchAsync(_reference).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // Best effort: an unrenewed watch lapses at the game by itself after its lease.
        }

        _grains.DeleteObjectReference<IGameObserver>(_reference);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var renewAt = DateTime.UtcNow;
        DateTime? failingSince = null;
        Exception? lastFailure = null;
        while (!_stop.IsCancellationRequested && !_over.Task.IsCompleted)
        {
            var pushed = await NextPushAsync(renewAt - DateTime.UtcNow);
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                if (pushed is not null)
                {
                    await ApplyAsync(pushed);
                }
                else
                {
                    var summary = await _game.WatchAsync(_reference);
                    renewAt = DateTime.UtcNow + _options.Renewal;
                    await CatchUpAsync(summary);
                }

                failingSince = null;
            }
            catch (DeliveryException e)
            {
                _over.TrySetException(e.InnerException!);
                return;
            }
            catch (Exception e)
            {
                // The cluster is changing under us (a silo died, a gateway went away): try again soon, up to our patience.
                lastFailure = e;
                failingSince ??= DateTime.UtcNow;
                if (DateTime.UtcNow - failingSince > _options.Patience)
                {
                    _over.TrySetException(new GameWatchLostException(GameId, _options.Patience, lastFailure));
                    return;
                }

                renewAt = DateTime.UtcNow + _options.Retry;
            }
        }
    }

    // The next push, or null when the renewal is due (or the watch stops) first.
    private async Task<GameStatus?> NextPushAsync(TimeSpan untilRenewal)
    {
        if (_pushes.Reader.TryRead(out var ready))
        {
            return ready;
        }

        if (untilRenewal <= TimeSpan.Zero)
        {
            return null;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        wait.CancelAfter(untilRenewal);
        try
        {
            return await _pushes.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task ApplyAsync(GameStatus pushed)
    {
        if (_onProgress is null)
        {
            // Only the end is awaited: no records to deliver, no gaps to fill.
            Latest = pushed;
            CompleteIfOver(pushed);
            return;
        }

        var firstRound = pushed.NewRounds.Count > 0 ? pushed.NewRounds[0].Round : pushed.RoundsCompleted + 1;
        var firstEvaluation = pushed.EvaluationsCompleted - pushed.NewEvaluations.Count;
        if (firstRound > _rounds + 1 || firstEvaluation > _evaluations)
        {
            await CatchUpAsync(pushed);
            return;
        }

        await DeliverAsync(pushed with
        {
            NewRounds = pushed.NewRounds.Where(r => r.Round > _rounds).ToList(),
            NewEvaluations = pushed.NewEvaluations.Skip(_evaluations - firstEvaluation).ToList(),
        });
        CompleteIfOver(pushed);
    }

    // Pages what the watch has not seen yet, up to what `known` says the game has recorded.
    private async Task CatchUpAsync(GameStatus known)
    {
        Latest = known;
        while (_onProgress is not null && (_rounds < known.RoundsCompleted || _evaluations < known.EvaluationsCompleted))
        {
            var page = await _game.GetStatusAsync(_rounds, _evaluations);
            if (page.NewRounds.Count == 0 && page.NewEvaluations.Count == 0)
            {
                // The game went back to a checkpoint before our cursor: its pushes will bring it forward again.
                break;
            }

            await DeliverAsync(page);
            known = page.RoundsCompleted >= known.RoundsCompleted ? page : known;
        }

        CompleteIfOver(known);
    }

    private async Task DeliverAsync(GameStatus status)
    {
        Latest = status;
        if (status.NewRounds.Count == 0 && status.NewEvaluations.Count == 0)
        {
            return;
        }

        Volatile.Write(ref _rounds, status.NewRounds.Count > 0 ? status.NewRounds[^1].Round : _rounds);
        _evaluations += status.NewEvaluations.Count;
        if (_onProgress is not null)
        {
            try
            {
                await _onProgress(status);
            }
            catch (Exception e)
            {
                throw new DeliveryException(e);
            }
        }
    }

    private void CompleteIfOver(GameStatus status)
    {
        if (status.IsOver && (_onProgress is null || (_rounds >= status.RoundsCompleted && _evaluations >= status.EvaluationsCompleted)))
        {
            _over.TrySetResult(status with { NewRounds = [], NewEvaluations = [] });
        }
    }

    // The watcher's own handler failed: that ends the watch with the handler's error, not a retry.
    private sealed class DeliveryException(Exception inner) : Exception(inner.Message, inner);
}
