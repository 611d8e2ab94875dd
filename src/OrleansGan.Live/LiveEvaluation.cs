using OrleansGan.Abstractions.Game;

namespace OrleansGan.Live;

/// <summary>An evaluation's figures without its samples (those are drawn, not sent), and which pictures it has.</summary>
/// <param name="Field">It holds a field (2-D data): <c>field.png</c> draws it.</param>
/// <param name="Digits">It holds a grid of digits (images): <c>digits.png</c> draws it.</param>
internal sealed record LiveEvaluation(int Round, int ModesCovered, int ModeCount, double HighQualityFraction, double? ReverseKl, double? FrechetDistance,
    bool Field, bool Digits)
{
    public static LiveEvaluation Of(EvaluationRecord e) =>
        new(e.Round, e.ModesCovered, e.ModeCount, e.HighQualityFraction, e.ReverseKl, e.FrechetDistance, e.Field is not null, e.SampleGrid is not null);
}
