using System.Diagnostics;
using OrleansGan.Abstractions.Game;

namespace OrleansGan.Client.Sweeps;

/// <summary>
/// Where a running sweep stands, written by the games' tasks and read by the view (which alone draws: Spectre's live
/// displays are not thread-safe): games done, running and failed, each running game's latest status, and the rounds
/// played by this command, for the sweep's aggregate rounds/s.
/// </summary>
internal sealed class SweepBoard(int total, int alreadyDone)
{
    private readonly object _gate = new();
    private readonly Dictionary<int, Running> _running = [];
    private readonly Queue<string> _ended = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _roundsPlayed;

    public int Total { get; } = total;

    public int Done { get; private set; } = alreadyDone;

    public int Failed { get; private set; }

    public int Retried { get; private set; }

    /// <summary>Rounds played by this command's games so far (a resumed game's replayed record excluded).</summary>
    public long RoundsPlayed => Interlocked.Read(ref _roundsPlayed);

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Rounds per second of the whole sweep since this command started.</summary>
    public double RoundsPerSecond => _clock.Elapsed.TotalSeconds > 0 ? RoundsPlayed / _clock.Elapsed.TotalSeconds : 0;

    public void Started(SweepPlan.Game game, int attempt)
    {
        lock (_gate)
        {
            _running[game.Index] = new Running(game.Key, attempt, null, null);
            Retried += attempt > 1 ? 1 : 0;
        }
    }

    public void Reported(SweepPlan.Game game, GameStatus status)
    {
        lock (_gate)
        {
            if (!_running.TryGetValue(game.Index, out var running))
            {
                return;
            }

            // The first status of a resumed game counts from its checkpoint: only rounds played after it are this command's.
            var from = running.FirstRound ?? status.RoundsCompleted;
            var before = running.Latest?.RoundsCompleted ?? from;
            Interlocked.Add(ref _roundsPlayed, Math.Max(0, status.RoundsCompleted - before));
            _running[game.Index] = running with { FirstRound = from, Latest = status };
        }
    }

    public void Ended(SweepPlan.Game game, bool succeeded, bool final, string outcome)
    {
        lock (_gate)
        {
            _running.Remove(game.Index);
            _ended.Enqueue($"game {game.Index:D4} {game.Key}: {outcome}{(!succeeded && !final ? " (tried again)" : "")}");
            _changed.TrySetResult();
            Done += succeeded ? 1 : 0;
            Failed += !succeeded && final ? 1 : 0;
        }
    }

    /// <summary>Completes when a game ends (after the last <see cref="TakeEnded"/>).</summary>
    public Task Changed()
    {
        lock (_gate)
        {
            return _changed.Task;
        }
    }

    /// <summary>A line for each game that ended since the last call.</summary>
    public IReadOnlyList<string> TakeEnded()
    {
        lock (_gate)
        {
            if (_changed.Task.IsCompleted)
            {
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            var lines = _ended.ToList();
            _ended.Clear();
            return lines;
        }
    }

    /// <summary>The running games, by their place in the sweep.</summary>
    public IReadOnlyList<(int Index, string Key, int Attempt, GameStatus? Latest)> Snapshot()
    {
        lock (_gate)
        {
            return _running.OrderBy(r => r.Key).Select(r => (r.Key, r.Value.Key, r.Value.Attempt, r.Value.Latest)).ToList();
        }
    }

    private sealed record Running(string Key, int Attempt, int? FirstRound, GameStatus? Latest);
}
