using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Diagnostics;
using OrleansGan.Grains.Hosting;
using OrleansGan.Grains.Placement;
using OrleansGan.Grains.Protocols;
using OrleansGan.Grains.Telemetry;

namespace OrleansGan.Grains.Game;

/// <summary>
/// One game's lifecycle and its durable record: it starts or resumes the game, runs its <see cref="RoundLoop"/> on
/// this activation's scheduler (so the loop interleaves safely with status requests), answers status and watches, and
/// reports the game to the directory and the metrics. The record (grain persistence) says which games are running;
/// a reminder wakes a running game whose silo died, and any call does too: the new activation, on a live silo, reads
/// the record and goes on from the last checkpoint. The record also says which state the directory last acknowledged,
/// so that a report lost with its activation is made again by the next one. Seating, checkpoints, recovery, evaluation
/// and pushing progress are the jobs of their own types.
/// </summary>
public sealed class GameGrain(
    [PersistentState("game", GameStorage.Name)] IPersistentState<GameRecord> record,
    ILogger<GameGrain> logger, ICheckpointStore checkpoints, IGameLogStore logs, GameInstruments instruments, ILocalSiloDetails silo,
    IOptions<DirectoryReportOptions> reporting)
    : Grain, IGameGrain, IGameProgress, IRemindable
{
    /// <summary>
    /// The reminder a running game keeps, so that it is woken on another silo if its own dies; an ended game keeps it
    /// until the game directory has acknowledged the end.
    /// </summary>
    public const string KeepPlaying = "keep-playing";

    private static readonly TimeSpan PushEvery = TimeSpan.FromMilliseconds(250);

    // Orleans' minimum reminder period: production reminders tick at most once a minute.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly Stopwatch _clock = new();
    private readonly GameWatchers _watchers = new(logger);
    private readonly RecoveryPolicy _recovery = new();
    private GameHistory? _history;
    private IGrainTimer? _pushes;
    private GameSpec? _spec;
    private GameState _state = GameState.Created;
    private string? _error;
    private double _elapsedBefore;
    private bool _cancelRequested;
    private IReadOnlyList<PlayerLocation>? _locations;
    private GameSeries? _series;
    private Task<int>? _continuing;
    private GameDiagnostics? _diagnostics;
    private Task<bool>? _reportingRunning;
    private Task? _listingEnd;

    /// <inheritdoc />
    public double ElapsedSeconds => _elapsedBefore + _clock.Elapsed.TotalSeconds;

    private string Id => this.GetPrimaryKeyString();

    private GameHistory History => _history ??= new GameHistory(logs, Id);

    private PlayerPair Players => PlayerPair.Of(GrainFactory, Id);

    private GameCheckpointer Checkpointer => new(checkpoints, Id);

    private PlayerSeating Seating => new(GrainFactory, Id);

    private DirectoryReports Reports => new(GrainFactory, Id, reporting.Value, logger);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var saved = record.State;
        if (saved.Spec is null)
        {
            return;
        }

        (_spec, _error, _locations, _elapsedBefore) = (saved.Spec, saved.Error, saved.Players, saved.ElapsedSeconds);
        _recovery.Reset(saved.Recoveries);
        if (saved.State == GameState.Running)
        {
            // The activation that ran this game is gone with its silo: go on from the last checkpoint, here.
            _recovery.Reset(saved.Recoveries + 1);
            Begin(saved.Spec, saved.ElapsedSeconds);
            var continued = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            _continuing = continued.Task;
            _ = RunAsync(saved.Spec, firstRound: null, continued);
            return;
        }

        _state = saved.State;
        await History.LoadAsync();
        if (saved.Listed != saved.State)
        {
            // The activation that ended the game could not tell the directory before it went (or its silo did).
            _listingEnd = ListEndAsync();
        }
    }

    /// <inheritdoc />
    public async Task StartAsync(GameSpec spec)
    {
        RefuseIfRunning();
        GameSpecValidator.ThrowIfInvalid(spec);
        await SeatAsync(spec);
        await History.BeginAsync();
        record.State = new GameRecord { Spec = spec, State = GameState.Running, Players = _locations };
        await record.WriteStateAsync();
        await KeepPlayingAsync();
        _recovery.Reset();
        Begin(spec, elapsed: 0);
        _ = RunAsync(spec, firstRound: 1, listing: await ListStartAsync());
    }

    /// <inheritdoc />
    public async Task<int> ResumeAsync(GameSpec? expected)
    {
        if (_state == GameState.Running && _continuing is not null)
        {
            // The game went on by itself after its silo died: resuming it is following it.
            RefuseDifferent(expected, _spec!, "the running game");
            return await _continuing;
        }

        RefuseIfRunning();
        var checkpoint = await Checkpointer.LoadAsync()
            ?? throw new InvalidOperationException($"game {Id} has no checkpoint at {Checkpointer.Where}");
        RefuseDifferent(expected, checkpoint.Spec, "the checkpoint");
        await SeatAsync(checkpoint.Spec);
        await GameCheckpointer.RestoreAsync(checkpoint, Players);
        await History.RewindAsync(checkpoint);
        record.State = new GameRecord
        {
            Spec = checkpoint.Spec, State = GameState.Running, ElapsedSeconds = checkpoint.ElapsedSeconds,
            CheckpointRound = checkpoint.Round, Players = _locations,
        };
        await record.WriteStateAsync();
        await KeepPlayingAsync();
        _recovery.Reset();
        Begin(checkpoint.Spec, checkpoint.ElapsedSeconds);
        logger.LogInformation("Game {Game} resumed after round {Round}", Id, checkpoint.Round);
        _ = RunAsync(checkpoint.Spec, firstRound: checkpoint.Round + 1, listing: await ListStartAsync());
        return checkpoint.Round;
    }

    /// <inheritdoc />
    public async Task<GameStatus> GetStatusAsync(int roundCursor, int evaluationCursor)
    {
        var (rounds, evaluations) = await History.AfterAsync(roundCursor, evaluationCursor);
        return Status(rounds, evaluations);
    }

    /// <inheritdoc />
    public Task<GameStatus> WatchAsync(IGameObserver observer)
    {
        _watchers.Watch(observer);
        return Task.FromResult(Status([], []));
    }

    /// <inheritdoc />
    public Task UnwatchAsync(IGameObserver observer)
    {
        _watchers.Unwatch(observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Diagnosis>> GetDiagnosesAsync(int cursor) => History.DiagnosesAfterAsync(cursor);

    /// <inheritdoc />
    public Task<GameSpec?> GetSpecAsync() => Task.FromResult(_spec);

    /// <inheritdoc />
    public Task CancelAsync()
    {
        _cancelRequested = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ForgetResult> ForgetAsync()
    {
        if (_state == GameState.Running || record.State.State == GameState.Running)
        {
            return new ForgetResult(ForgetOutcome.Running, GameState.Running, []);
        }

        // A report of the end still under way would list the game again after its entry went.
        if (_listingEnd is { } listing)
        {
            await listing;
        }

        var (spec, ended) = (record.State.Spec, record.State.State);
        var removed = new List<string>();
        await History.ForgetAsync();
        foreach (var key in (spec is null ? [] : GameDiagnostics.KeptRounds(spec).Select(r => SnapshotKeys.Of(Id, r))).Prepend(Id))
        {
            var where = checkpoints.Describe(key);
            if (await checkpoints.DeleteAsync(key))
            {
                removed.Add(where);
            }
        }

        await StopRemindingAsync();
        try
        {
            // Idle players would go by themselves in time; a forgotten game's go now, memory and directory entries with them.
            await Players.Generator.LeaveAsync();
            await Players.Discriminator.LeaveAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Game {Game}: its players could not be sent away; they go when idle", Id);
        }

        if (spec is not null)
        {
            // Released at the game's end already, unless that release was lost: the book keeps nothing of a forgotten game.
            await Seating.ReleaseAsync(spec);
        }

        await GrainFactory.GetGrain<IGameDirectoryGrain>(0).ForgetAsync(Id);

        // The record last: until it goes, forgetting again finds the game and finishes the job.
        if (record.RecordExists)
        {
            await record.ClearStateAsync();
        }

        if (_history is not null)
        {
            await _history.DisposeAsync();
            _history = null;
        }

        (_spec, _state, _error, _locations, _diagnostics, _elapsedBefore) = (null, GameState.Created, null, null, null, 0);
        DeactivateOnIdle();
        logger.LogInformation("Game {Game} forgotten ({State}; {Removed} checkpoints removed)", Id, ended, removed.Count);
        return new ForgetResult(spec is null ? ForgetOutcome.Unknown : ForgetOutcome.Forgotten, ended, removed);
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (record.State.Spec is null && _state != GameState.Running)
        {
            // A forgotten (or never started) game: nothing to report, and no reason to be woken again.
            await StopRemindingAsync();
            return;
        }

        if (_state == GameState.Running)
        {
            // The game is playing (or ending) here: activating it was the point. A report of its start that never got
            // through is made again.
            if (record.State.Listed != GameState.Running && _reportingRunning is { IsCompleted: true })
            {
                _reportingRunning = ReportRunningAsync();
            }

            return;
        }

        if (record.State.State == GameState.Running)
        {
            // An end this activation could not record: the next activation goes on from the checkpoint and ends again.
            return;
        }

        if (record.State.Listed == record.State.State)
        {
            // Ended and listed: a stale reminder.
            await StopRemindingAsync();
            return;
        }

        // Ended but not listed: tell the directory, off this turn (the directory may be a minute from coming back).
        _listingEnd ??= ListEndAsync();
    }

    /// <inheritdoc />
    void IGameProgress.Played(RoundRecord round, TimeSpan duration)
    {
        instruments.Played(_series!, round, duration);
        _watchers.Played(round);
    }

    /// <inheritdoc />
    void IGameProgress.Evaluated(EvaluationRecord evaluation)
    {
        instruments.Evaluated(_series!, evaluation);
        _watchers.Evaluated(evaluation);
    }

    /// <inheritdoc />
    async Task IGameProgress.CheckpointedAsync(int round, long bytes, TimeSpan duration)
    {
        instruments.Checkpointed(_series!, bytes, duration);
        var saved = record.State;
        (saved.ElapsedSeconds, saved.Recoveries, saved.CheckpointRound, saved.Players) = (ElapsedSeconds, _recovery.Recoveries, round, _locations);
        try
        {
            await record.WriteStateAsync();
        }
        catch (Exception e) when (e is not Orleans.Storage.InconsistentStateException)
        {
            // The record still says running, from an earlier checkpoint: all a restart needs. (A conflicting write, by
            // another activation of this game, ends this one's loop instead.)
            logger.LogWarning(e, "Game {Game} could not update its record after the checkpoint of round {Round}", Id, round);
        }
    }

    /// <inheritdoc />
    void IGameProgress.Diagnosed(Diagnosis diagnosis) => instruments.Diagnosed(_series!, diagnosis);

    /// <inheritdoc />
    void IGameProgress.Rewound() => _watchers.Rewound();

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_history is not null)
        {
            await _history.DisposeAsync();
            _history = null;
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private GameStatus Status(IReadOnlyList<RoundRecord> rounds, IReadOnlyList<EvaluationRecord> evaluations) => new(
        _state, History.RoundsCompleted, _spec?.Rounds ?? 0, ElapsedSeconds, rounds, evaluations, _error, _locations, silo.Name,
        _recovery.Recoveries, History.EvaluationsCompleted, History.DiagnosesCompleted);

    private async Task SeatAsync(GameSpec spec) => _locations = await Seating.SeatAsync(spec, Players);

    private void RefuseIfRunning()
    {
        if (_state == GameState.Running)
        {
            throw new InvalidOperationException($"game {Id} is already running; cancel it or use another id");
        }
    }

    private void RefuseDifferent(GameSpec? expected, GameSpec actual, string what)
    {
        if (expected is not null && GameCheckpointFormat.Differences(expected, actual) is { Count: > 0 } differences)
        {
            throw new InvalidOperationException(
                $"{what} of game {Id} was made with a different spec (fields that differ: {string.Join(", ", differences)})");
        }
    }

    // The reminder is the safety net, not the game: a game plays on (and logs it) if the reminder service cannot keep it.
    private async Task KeepPlayingAsync()
    {
        try
        {
            await this.RegisterOrUpdateReminder(KeepPlaying, ReminderPeriod, ReminderPeriod);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Game {Game} has no reminder: if its silo dies, only a call wakes it", Id);
        }
    }

    private async Task StopRemindingAsync()
    {
        try
        {
            if (await this.GetReminder(KeepPlaying) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Game {Game} could not drop its reminder; its next tick drops it", Id);
        }
    }

    private void Begin(GameSpec spec, double elapsed)
    {
        _spec = spec;
        _error = null;
        _state = GameState.Running;
        _cancelRequested = false;
        _elapsedBefore = elapsed;
        _clock.Restart();
        _series = instruments.Started(Id, spec, _locations);
        _diagnostics = spec.Diagnostics is { Every: > 0 } ? new GameDiagnostics(GrainFactory, checkpoints, Id, spec, logger) : null;

        // Keep the activation while the loop runs, even when nobody asks for its status.
        DelayDeactivation(TimeSpan.FromDays(7));
        _pushes ??= this.RegisterGrainTimer(() =>
        {
            _watchers.Push(Status);
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(PushEvery, PushEvery) { Interleave = true });
    }

    private async Task RunAsync(GameSpec spec, int? firstRound, TaskCompletionSource<int>? continued = null, Task<bool>? listing = null)
    {
        var loop = new RoundLoop(spec, Players, History, this, Checkpointer, _recovery, () => SeatAsync(spec), logger, Id, _diagnostics);
        _reportingRunning = listing is null ? ReportRunningAsync() : ReportRunningAfterAsync(listing);
        var end = await loop.PlayAsync(firstRound, () => _cancelRequested, round => continued?.TrySetResult(round));
        continued?.TrySetException(new InvalidOperationException($"game {Id} could not go on from its checkpoint: {end.Error}"));
        await History.FlushAsync();
        _clock.Stop();

        // The record, then the directory, hear of the end before any watcher does: a watcher that saw the end finds it
        // recorded and listed, whatever silo dies next. (The running report goes first, so that it cannot overwrite
        // the end.) Where the directory stays out of reach longer than the attempts last, the watchers hear of the end
        // anyway, and the reminder, kept until the record says the directory has the end, reports it again.
        var recorded = await RecordEndAsync(end);
        await _reportingRunning;
        if (await Reports.ReportAsync(end.State) && recorded)
        {
            await MarkListedAsync(end.State);
        }

        (_state, _error) = (end.State, end.Error);
        _pushes?.Dispose();
        _pushes = null;
        _watchers.Push(Status, always: true);
        instruments.Ended(_series!, _state);
        DelayDeactivation(TimeSpan.Zero);
        try
        {
            await Seating.ReleaseAsync(spec);
        }
        catch (Exception e)
        {
            // The seats only weigh in on balancing, and the book forgets dead silos' seats by itself.
            logger.LogWarning(e, "Game {Game} could not release its seats", Id);
        }
    }

    // False when the record could not be written: it still says running, and the game will be continued from its
    // checkpoint, and end again.
    private async Task<bool> RecordEndAsync(GameEnd end)
    {
        var saved = record.State;
        (saved.State, saved.Error, saved.ElapsedSeconds, saved.Recoveries, saved.Players) = (end.State, end.Error, ElapsedSeconds, _recovery.Recoveries, _locations);
        try
        {
            await record.WriteStateAsync();
            return true;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Game {Game} ended ({State}) but could not record it", Id, end.State);
            return false;
        }
    }

    // Kept in memory only: the next write of the record (a checkpoint, the end) stores it.
    private async Task<bool> ReportRunningAsync() => NoteListedRunning(await Reports.ReportAsync(GameState.Running));

    // The directory lists a started (or resumed) game before its starter hears that it started, so that the live page
    // or `list` asked next finds it (run announces its page as start returns; a page asked then once answered 404).
    // One attempt, waited for at most StartWait: with the directory out of reach the game starts all the same. The
    // attempt is handed to the loop, whose report waits for it (so that a late "running" cannot land after the end)
    // and retries only if it failed.
    private async Task<Task<bool>> ListStartAsync()
    {
        var attempt = Reports.TryReportAsync(GameState.Running);
        await Task.WhenAny(attempt, Task.Delay(reporting.Value.StartWait));
        return attempt;
    }

    private async Task<bool> ReportRunningAfterAsync(Task<bool> firstAttempt) =>
        NoteListedRunning(await firstAttempt) || await ReportRunningAsync();

    private bool NoteListedRunning(bool listed)
    {
        if (listed && record.State.State == GameState.Running)
        {
            record.State.Listed = GameState.Running;
        }

        return listed;
    }

    // An ended game whose directory report was lost (with the activation that made it, or because the directory was
    // out of reach for longer than its attempts) reports again; until that gets through, the reminder stays.
    private async Task ListEndAsync()
    {
        var state = record.State.State;
        if (await Reports.ReportAsync(state))
        {
            await MarkListedAsync(state);
        }

        _listingEnd = null;
    }

    // The directory has the end: the record says so, and the reminder that would have reported it again goes.
    private async Task MarkListedAsync(GameState state)
    {
        if (record.State.State != state)
        {
            return;
        }

        record.State.Listed = state;
        try
        {
            await record.WriteStateAsync();
        }
        catch (Exception e)
        {
            // The record still says unlisted: the next tick of the reminder reports again, which the directory takes.
            logger.LogWarning(e, "Game {Game} could not record that the directory lists its end", Id);
            return;
        }

        await StopRemindingAsync();
    }
}
