namespace OrleansGan.Core.Evaluation;

/// <summary>Modes covered, the share of high-quality samples, and the high-quality count nearest each mode.</summary>
public sealed record ModeCoverageResult(int ModesCovered, int ModeCount, double HighQualityFraction, IReadOnlyList<int> HighQualityPerMode)
{
    /// <summary>PacGAN's reverse KL of <see cref="HighQualityPerMode"/> from the uniform distribution; null when no sample is high-quality.</summary>
    public double? ReverseKl => ReverseKullbackLeibler.OfHistogram(HighQualityPerMode);
}
