using OrleansGan.Core.Data;

namespace OrleansGan.Core.Evaluation;

/// <summary>
/// The two figures VEEGAN and PacGAN report for Gaussian mixtures: a sample is high-quality when it lies within
/// k standard deviations of its nearest mode, and a mode is covered when enough high-quality samples are nearest to it.
/// </summary>
public static class ModeCoverage
{
    /// <summary>Counts high-quality samples per mode.</summary>
    /// <param name="samples">Row-major [count, dimension] generated samples.</param>
    /// <param name="mixture">The real distribution.</param>
    /// <param name="qualityStds">The quality radius, in standard deviations.</param>
    /// <param name="minSamplesPerMode">High-quality samples a mode needs to count as covered.</param>
    public static ModeCoverageResult Measure(ReadOnlySpan<float> samples, GaussianMixture mixture, double qualityStds, int minSamplesPerMode)
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

            // NaN samples compare false everywhere and are never high-quality.
            if (nearest >= 0 && best <= radiusSquared)
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
