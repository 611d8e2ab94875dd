using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Client.Commands;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Live;

namespace OrleansGan.Client.Runs;

/// <summary>
/// The records a run folder's summary, curves, animation and report are drawn from, held in memory bounded whatever the
/// game's length (PacGAN's recipe plays 400,000 rounds; a 2-D evaluation with its samples and field is ~90 KB): the
/// rounds as <see cref="RoundCurve"/> bucket means plus the last <see cref="RecentRounds"/>, every evaluation's figures
/// but only an evenly spread few whole (the animation's frames and the digits' progress), the latest whole, and the
/// latest that holds a field. <c>run</c> fills it as the game pushes; <c>report</c> pages the logs into it.
/// </summary>
/// <param name="spec">The game's spec (which evaluations may be frames).</param>
/// <param name="maxFrames">Frames of the animation; twice as many whole evaluations are kept to choose them from.</param>
internal sealed class FollowedRecords(GameSpec spec, int maxFrames)
{
    /// <summary>The rounds whose mean losses the summary shows.</summary>
    public const int RecentRounds = 100;

    private readonly Queue<RoundRecord> _recent = new(RecentRounds + 1);
    private readonly List<EvaluationRecord> _evaluations = [];
    private readonly EvenlyThinned<EvaluationRecord> _drawn = new(2 * maxFrames);

    /// <summary>The rounds as the curves draw them.</summary>
    public RoundCurve Curve { get; } = new();

    /// <summary>Rounds added.</summary>
    public int Rounds => Curve.Count;

    /// <summary>The last <see cref="RecentRounds"/> rounds, oldest first.</summary>
    public IReadOnlyList<RoundRecord> Recent => [.. _recent];

    /// <summary>The latest round; null before the first.</summary>
    public RoundRecord? LastRound => _recent.Count > 0 ? _recent.Last() : null;

    /// <summary>Every evaluation, all but the latest as figures only (for the coverage curve).</summary>
    public IReadOnlyList<EvaluationRecord> Evaluations => _evaluations;

    /// <summary>The latest evaluation, whole; null before the first.</summary>
    public EvaluationRecord? LastEvaluation => _evaluations.Count > 0 ? _evaluations[^1] : null;

    /// <summary>The evenly spread whole evaluations the animation and the digits' progress are drawn from.</summary>
    public IReadOnlyList<EvaluationRecord> Drawn => _drawn.Items;

    /// <summary>The latest whole evaluation among <see cref="Drawn"/> (null before the first frame).</summary>
    public EvaluationRecord? LatestDrawn => _drawn.Latest;

    /// <summary>The latest evaluation that holds a field.</summary>
    public EvaluationRecord? LatestField { get; private set; }

    public void Add(RoundRecord round)
    {
        Curve.Add(round);
        _recent.Enqueue(round);
        if (_recent.Count > RecentRounds)
        {
            _recent.Dequeue();
        }
    }

    public void Add(EvaluationRecord evaluation)
    {
        if (_evaluations.Count > 0)
        {
            _evaluations[^1] = _evaluations[^1].FiguresOnly();
        }

        _evaluations.Add(evaluation);
        if (ReportCommand.IsFrame(spec, evaluation))
        {
            _drawn.Add(evaluation);
        }

        LatestField = evaluation.Field is null ? LatestField : evaluation;
    }

    /// <summary>
    /// What the report draws: the curves' points, and the whole evaluations (frames, the latest with a field), in order.
    /// </summary>
    public CheckpointedRecords ForReport() => new(
        Curve.Points,
        [.. Drawn.Append(LatestField).OfType<EvaluationRecord>().Distinct().OrderBy(e => e.Round)]);
}
