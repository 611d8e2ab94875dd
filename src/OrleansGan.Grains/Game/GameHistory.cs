using OrleansGan.Abstractions.Game;

namespace OrleansGan.Grains.Game;

/// <summary>The round and evaluation records of one game, and the pages of them a status returns.</summary>
public sealed class GameHistory
{
    /// <summary>The most records of each kind one status carries.</summary>
    public const int MaxRecordsPerStatus = 10_000;

    private readonly List<RoundRecord> _rounds = [];
    private readonly List<EvaluationRecord> _evaluations = [];

    /// <summary>Rounds played.</summary>
    public int RoundsCompleted => _rounds.Count;

    /// <summary>Every round record, in order.</summary>
    public IReadOnlyList<RoundRecord> Rounds => _rounds;

    /// <summary>Every evaluation, in order.</summary>
    public IReadOnlyList<EvaluationRecord> Evaluations => _evaluations;

    /// <summary>Adds the record of the round just played.</summary>
    public void Played(RoundRecord round) => _rounds.Add(round);

    /// <summary>Adds an evaluation.</summary>
    public void Evaluated(EvaluationRecord evaluation) => _evaluations.Add(evaluation);

    /// <summary>Replaces every record (a game that resumes or recovers goes back to its checkpoint's records).</summary>
    public void Replace(IEnumerable<RoundRecord> rounds, IEnumerable<EvaluationRecord> evaluations)
    {
        _rounds.Clear();
        _rounds.AddRange(rounds);
        _evaluations.Clear();
        _evaluations.AddRange(evaluations);
    }

    /// <summary>The round records after the first <paramref name="roundCursor"/> and the evaluations after the first <paramref name="evaluationCursor"/>, at most <see cref="MaxRecordsPerStatus"/> of each.</summary>
    public (IReadOnlyList<RoundRecord> Rounds, IReadOnlyList<EvaluationRecord> Evaluations) After(int roundCursor, int evaluationCursor) =>
        (Slice(_rounds, roundCursor), Slice(_evaluations, evaluationCursor));

    private static List<T> Slice<T>(List<T> items, int cursor)
    {
        var start = Math.Clamp(cursor, 0, items.Count);
        return items.GetRange(start, Math.Min(MaxRecordsPerStatus, items.Count - start));
    }
}
