using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Core.Checkpoints;

namespace OrleansGan.Grains.Game;

/// <summary>
/// The round, evaluation and diagnosis records of one game: every record in the game's append-only logs, written
/// once, and only the latest in memory (<see cref="RoundWindow"/> rounds, <see cref="EvaluationWindow"/> evaluations,
/// <see cref="DiagnosisWindow"/> diagnoses), so a game's memory does not grow with its length. Status pages come from
/// memory where it holds them and from the logs otherwise. The logs are what outlives the game grain's silo: a new
/// activation takes them up as its checkpoint counts them, the latest diagnosis (a path-angle's start) included.
/// </summary>
public sealed class GameHistory(IGameLogStore logs, string gameId) : IAsyncDisposable
{
    /// <summary>The most records of each kind one status carries.</summary>
    public const int MaxRecordsPerStatus = 10_000;

    /// <summary>Round records kept in memory (at least; up to twice as many between trims).</summary>
    public const int RoundWindow = 2_048;

    /// <summary>Evaluations kept in memory.</summary>
    public const int EvaluationWindow = 16;

    /// <summary>Diagnoses kept in memory.</summary>
    public const int DiagnosisWindow = 8;

    /// <summary>The most diagnoses one page carries (each holds spectra and a path-angle: a few KB).</summary>
    public const int MaxDiagnosesPerPage = 64;

    // Rounds reach the log in batches (a batch never outgrows the window); evaluations, rare and large, one by one.
    private const int RoundBatch = 256;

    private readonly LoggedRecords<RoundRecord> _rounds = new(logs.Rounds(gameId), RoundWindow, RoundBatch);
    private readonly LoggedRecords<EvaluationRecord> _evaluations = new(logs.Evaluations(gameId), EvaluationWindow, 1);
    private readonly LoggedRecords<Diagnosis> _diagnoses = new(logs.Diagnoses(gameId), DiagnosisWindow, 1);

    /// <summary>Rounds played.</summary>
    public int RoundsCompleted => _rounds.Count;

    /// <summary>Evaluations taken.</summary>
    public int EvaluationsCompleted => _evaluations.Count;

    /// <summary>The latest round's record.</summary>
    public RoundRecord? LastRound => _rounds.Last;

    /// <summary>The latest evaluation.</summary>
    public EvaluationRecord? LastEvaluation => _evaluations.Last;

    /// <summary>Diagnoses made (spec section <c>diagnostics</c>).</summary>
    public int DiagnosesCompleted => _diagnoses.Count;

    /// <summary>The latest diagnosis: where the next path-angle starts.</summary>
    public Diagnosis? LastDiagnosis => _diagnoses.Last;

    /// <summary>A new game under this id: its logs start empty.</summary>
    public async Task BeginAsync()
    {
        await _rounds.ClearAsync();
        await _evaluations.ClearAsync();
        await _diagnoses.ClearAsync();
    }

    /// <summary>A forgotten game: every log of it removed, as a new game's are emptied.</summary>
    public Task ForgetAsync() => BeginAsync();

    /// <summary>Takes up the logs as they are, for the status of a game that has ended.</summary>
    public async Task LoadAsync()
    {
        await _rounds.LoadAsync();
        await _evaluations.LoadAsync();
        await _diagnoses.LoadAsync();
    }

    /// <summary>Records the round just played.</summary>
    public Task PlayedAsync(RoundRecord round) => _rounds.AddAsync(round);

    /// <summary>Records an evaluation.</summary>
    public Task EvaluatedAsync(EvaluationRecord evaluation) => _evaluations.AddAsync(evaluation);

    /// <summary>Records a diagnosis (it reaches the log at once: diagnoses are rare and each took minutes).</summary>
    public Task DiagnosedAsync(Diagnosis diagnosis) => _diagnoses.AddAsync(diagnosis);

    /// <summary>Writes every record so far to the logs and makes them durable (before a checkpoint that counts them).</summary>
    public async Task FlushAsync()
    {
        await _rounds.FlushAsync(durable: true);
        await _evaluations.FlushAsync(durable: true);
        await _diagnoses.FlushAsync(durable: true);
    }

    /// <summary>
    /// Goes back to the records <paramref name="checkpoint"/> had seen; with no checkpoint, to none (a game that starts
    /// over). A version-1 checkpoint's own records fill logs that lack them; a checkpoint from before diagnoses had a
    /// cursor (versions 1 and 2) keeps the logged diagnoses of its rounds.
    /// </summary>
    /// <exception cref="InvalidDataException">The logs hold fewer records than the checkpoint counts.</exception>
    public async Task RewindAsync(GameCheckpoint? checkpoint)
    {
        if (checkpoint?.Records is { } records && await _rounds.LoggedAsync() < checkpoint.Round)
        {
            await _rounds.ImportAsync(records.Rounds);
            await _evaluations.ImportAsync(records.Evaluations);
        }

        var round = checkpoint?.Round ?? 0;
        await _rounds.RewindAsync(round);
        await _evaluations.RewindAsync(checkpoint?.Evaluations ?? 0);
        await _diagnoses.RewindAsync(checkpoint is null ? 0 : checkpoint.Diagnoses ?? await _diagnoses.LeadingAsync(d => d.Round <= round));
    }

    /// <summary>The round records after the first <paramref name="roundCursor"/> and the evaluations after the first <paramref name="evaluationCursor"/>, at most <see cref="MaxRecordsPerStatus"/> of each.</summary>
    public async Task<(IReadOnlyList<RoundRecord> Rounds, IReadOnlyList<EvaluationRecord> Evaluations)> AfterAsync(int roundCursor, int evaluationCursor) =>
        (await _rounds.AfterAsync(roundCursor, MaxRecordsPerStatus), await _evaluations.AfterAsync(evaluationCursor, MaxRecordsPerStatus));

    /// <summary>The diagnoses after the first <paramref name="cursor"/>, oldest first, at most <see cref="MaxDiagnosesPerPage"/>.</summary>
    public Task<IReadOnlyList<Diagnosis>> DiagnosesAfterAsync(int cursor) => _diagnoses.AfterAsync(cursor, MaxDiagnosesPerPage);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _rounds.DisposeAsync();
        await _evaluations.DisposeAsync();
        await _diagnoses.DisposeAsync();
    }
}
