using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;

namespace OrleansGan.Core.Evaluation;

/// <summary>
/// The two figures VEEGAN and PacGAN report for Gaussian mixtures: a sample is high-quality when it lies within
/// k standard deviations of its nearest mode, and a mode is covered when enough high-quality samples are nearest to it.
/// </summary>
public static class ModeCoverage
{
    /// <summary>Counts high-quality samples per mode by the rule <paramref name="evaluation"/> names (and its radius and threshold).</summary>
    public static ModeCoverageResult Measure(ReadOnlySpan<float> samples, GaussianMixture mixture, EvaluationSpec evaluation) =>
        evaluation.Rule == CoverageRule.VeeganPacgan
            ? Measure(samples, mixture, evaluation.QualityStds, 1, strictlyInside: true)
            : Measure(samples, mixture, evaluation.QualityStds, evaluation.MinSamplesPerMode);

    /// <summary>Counts high-quality samples per mode.</summary>
    /// <param name="samples">Row-major [count, dimension] generated samples.</param>
    /// <param name="mixture">The real distribution.</param>
    /// <param name="qualityStds">The quality radius, in standard deviations.</param>
    /// <param name="minSamplesPerMode">High-quality samples a mode needs to count as covered.</param>
    /// <param name="strictlyInside">
    /// True for VEEGAN's and PacGAN's test, distance &lt; k std (their MetricLogger's <c>min_dis &lt; dis_thre</c>);
    /// false for this project's, distance &lt;= k std. The nearest mean is the same either way: with one std for every
    /// mode, their std-scaled distance orders the means as the plain distance does.
    /// </param>
    public static ModeCoverageResult Measure(ReadOnlySpan<float> samples, GaussianMixture mixture, double qualityStds, int minSamplesPerMode,
        bool strictlyInside = false)
    {
        var dimension = mixture.Dimension;
        if (samples.Length % dimension != 0)
        {
            throw new ArgumentException($"{samples.Length} values do not make samples of dimension {dimension}", nameof(samples));
        }

        var count = samples.Length / dimension;
        var radiusSquared = Math.Pow(qualityStds * mixture.Std, 2);
        var perMode = new int[mixture.ModeCount];
        var modes = mixture.Modes;
        var highQuality = 0;
        for (var s = 0; s < count; s++)
        {
            var sample = samples.Slice(s * dimension, dimension);
            var nearest = -1;
            var best = double.PositiveInfinity;
            for (var m = 0; m < mixture.ModeCount; m++)
            {
                var distance = 0.0;
                for (var d = 0; d < dimension; d++)
                {
                    var delta = (double)sample[d] - modes[(m * dimension) + d];
                    distance += delta * delta;
                }

                if (distance < best)
                {
                    best = distance;
                    nearest = m;
                }
            }

            // NaN samples compare false everywhere and are never high-quality. Of two coinciding means (the Unrolled GAN
            // notebook's ring) the first is nearest, as numpy's argmin-by-loop in PacGAN's MetricLogger picks it.
            if (nearest >= 0 && (strictlyInside ? best < radiusSquared : best <= radiusSquared))
            {
                highQuality++;
                perMode[nearest]++;
            }
        }

        return new ModeCoverageResult(
            perMode.Count(n => n >= minSamplesPerMode),
            mixture.ModeCount,
            count == 0 ? 0 : (double)highQuality / count,
            perMode);
    }
}
