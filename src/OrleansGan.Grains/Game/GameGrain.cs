using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Placement;
using OrleansGan.Grains.Protocols;
using OrleansGan.Grains.Telemetry;

namespace OrleansGan.Grains.Game;

/// <summary>
/// One game's lifecycle: it starts or resumes the game, runs its <see cref="RoundLoop"/> on this activation's
/// scheduler (so the loop interleaves safely with status requests), answers status, and reports the game to the
/// directory and the metrics. Seating, checkpoints, recovery and evaluation are the jobs of their own types.
/// </summary>
public sealed class GameGrain(
    ILogger<GameGrain> logger, ICheckpointStore checkpoints, IGameLogStore logs, GameInstruments instruments, ILocalSiloDetails silo)
    : Grain, IGameGrain, IGameProgress
{
    private readonly Stopwatch _clock = new();
    private GameHistory? _history;
    private readonly RecoveryPolicy _recovery = new();
    private GameSpec? _spec;
    private GameState _state = GameState.Created;
    private string? _error;
    private double _elapsedBefore;
    private bool _cancelRequested;
    private IReadOnlyList<PlayerLocation>? _locations;
    private GameSeries? _series;

    /// <inheritdoc />
    public double ElapsedSeconds => _elapsedBefore + _clock.Elapsed.TotalSeconds;

    private string Id => this.GetPrimaryKeyString();

    private GameHistory History => _history ??= new GameHistory(logs, Id);

    private PlayerPair Players => PlayerPair.Of(GrainFactory, Id);

    private GameCheckpointer Checkpointer => new(checkpoints, Id);

    private PlayerSeating Seating => new(GrainFactory, Id);

    /// <inheritdoc />
    public async Task StartAsync(GameSpec spec)
    {
        RefuseIfRunning();
        GameSpecValidator.ThrowIfInvalid(spec);
        await SeatAsync(spec);
        await History.BeginAsync();
        Begin(spec, elapsed: 0);
        _ = RunAsync(spec, firstRound: 1);
    }

    /// <inheritdoc />
    public async Task<int> ResumeAsync(GameSpec? expected)
    {
        RefuseIfRunning();
        var checkpoint = await Checkpointer.LoadAsync()
            ?? throw new InvalidOperationException($"game {Id} has no checkpoint at {Checkpointer.Where}");
        if (expected is not null && GameCheckpointFormat.Differences(expected, checkpoint.Spec) is { Count: > 0 } differences)
        {
            throw new InvalidOperationException(
                $"the checkpoint of game {Id} was made with a different spec (fields that differ: {string.Join(", ", differences)})");
        }

        await SeatAsync(checkpoint.Spec);
        await GameCheckpointer.RestoreAsync(checkpoint, Players);
        await History.RewindAsync(checkpoint);
        Begin(checkpoint.Spec, checkpoint.ElapsedSeconds);
        logger.LogInformation("Game {Game} resumed after round {Round}", Id, checkpoint.Round);
        _ = RunAsync(checkpoint.Spec, firstRound: checkpoint.Round + 1);
        return checkpoint.Round;
    }

    /// <inheritdoc />
    public async Task<GameStatus> GetStatusAsync(int roundCursor, int evaluationCursor)
    {
        var (rounds, evaluations) = await History.AfterAsync(roundCursor, evaluationCursor);
        return new GameStatus(
            _state, History.RoundsCompleted, _spec?.Rounds ?? 0, ElapsedSeconds, rounds, evaluations, _error, _locations, silo.Name, _recovery.Recoveries);
    }

    /// <inheritdoc />
    public Task CancelAsync()
    {
        _cancelRequested = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    void IGameProgress.Played(RoundRecord round, TimeSpan duration) => instruments.Played(_series!, round, duration);

    /// <inheritdoc />
    void IGameProgress.Evaluated(EvaluationRecord evaluation) => instruments.Evaluated(_series!, evaluation);

    private async Task SeatAsync(GameSpec spec) => _locations = await Seating.SeatAsync(spec, Players);

    private void RefuseIfRunning()
    {
        if (_state == GameState.Running)
        {
            throw new InvalidOperationException($"game {Id} is already running; cancel it or use another id");
        }
    }

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

    private void Begin(GameSpec spec, double elapsed)
    {
        _spec = spec;
        _error = null;
        _state = GameState.Running;
        _cancelRequested = false;
        _recovery.Reset();
        _elapsedBefore = elapsed;
        _clock.Restart();
        _series = instruments.Started(Id, spec, _locations);

        // Keep the activation while the loop runs, even when nobody asks for its status.
        DelayDeactivation(TimeSpan.FromDays(7));
    }

    private async Task RunAsync(GameSpec spec, int firstRound)
    {
        var directory = new DirectoryReports(GrainFactory, Id, logger);
        var loop = new RoundLoop(spec, Players, History, this, Checkpointer, _recovery, () => SeatAsync(spec), logger, Id);
        await directory.ReportAsync(_state);
        var end = await loop.PlayAsync(firstRound, () => _cancelRequested);
        await History.FlushAsync();
        (_state, _error) = (end.State, end.Error);
        _clock.Stop();
        instruments.Ended(_series!, _state);
        DelayDeactivation(TimeSpan.Zero);
        await directory.ReportAsync(_state);
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
}
