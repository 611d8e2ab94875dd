using OrleansGan.Abstractions.Game;

namespace OrleansGan.Live;

/// <summary>An evaluation's figures without its samples (those are drawn, not sent).</summary>
internal sealed record LiveEvaluation(int Round, int ModesCovered, int ModeCount, double HighQualityFraction, double? ReverseKl, double? FrechetDistance)
{
    public static LiveEvaluation Of(EvaluationRecord e) => new(e.Round, e.ModesCovered, e.ModeCount, e.HighQualityFraction, e.ReverseKl, e.FrechetDistance);
}
