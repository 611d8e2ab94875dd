using OrleansGan.Abstractions.Game;

namespace OrleansGan.Live;

/// <summary>What one server-sent event tells the page: where the game stands and its latest figures.</summary>
/// <param name="Evaluations">Evaluations taken so far (the page redraws the samples when it grows).</param>
internal sealed record LiveProgress(
    string State, int Round, int TotalRounds, double ElapsedSeconds, int Evaluations, string? Error,
    RoundRecord? LatestRound, LiveEvaluation? LatestEvaluation)
{
    /// <summary>The event for a status the game pushed (or the one it answered with first).</summary>
    public static LiveProgress Of(GameStatus status, LiveEvaluation? latestBefore)
    {
        var last = status.NewRounds.Count > 0 ? status.NewRounds[^1] : null;
        var evaluation = status.NewEvaluations.Count > 0 ? LiveEvaluation.Of(status.NewEvaluations[^1]) : latestBefore;
        return new LiveProgress(status.State.ToString().ToLowerInvariant(), last?.Round ?? status.RoundsCompleted, status.TotalRounds,
            status.ElapsedSeconds, status.EvaluationsCompleted, status.Error, last is null ? null : last with { Position = null }, evaluation);
    }
}
