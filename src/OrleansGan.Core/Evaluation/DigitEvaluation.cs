using OrleansGan.Core.Data;

namespace OrleansGan.Core.Evaluation;

/// <summary>
/// Judges generated digits with the <see cref="DigitClassifier"/>: the share of samples it assigns to each digit, the
/// digits covered (those with at least a minimum number of samples, the mixtures' minSamplesPerMode rule), its mean
/// confidence (max softmax, the quantity behind the Inception Score's sharpness; Salimans et al. 2016), the share it
/// is confident about, and the Fréchet distance between the samples' and the real digits' features. For a
/// class-conditional generator, whose samples were each asked for a class, also the share the classifier assigns to
/// the class asked for: the accuracy of G(z, y) as judged by a classifier trained on real digits (the measure of
/// class-conditional samples' "classifiability", e.g. Odena et al. 2017, sec. 4.1, with a pre-trained classifier).
/// </summary>
public static class DigitEvaluation
{
    /// <summary>A sample the classifier gives at least this probability is a confident one (the mixtures' "high quality").</summary>
    public const double ConfidentAt = 0.9;

    /// <summary>Measures row-major flat samples [count, 784] in [-1, 1].</summary>
    /// <param name="samples">The generated samples.</param>
    /// <param name="classifier">The judge, trained on the real digits.</param>
    /// <param name="minSamplesPerClass">Samples a digit needs to count as covered.</param>
    /// <param name="requestedClasses">The class each sample was generated for, or null when the generator is unconditional.</param>
    public static DigitEvaluationResult Measure(ReadOnlySpan<float> samples, DigitClassifier classifier, int minSamplesPerClass,
        IReadOnlyList<int>? requestedClasses = null)
    {
        var count = samples.Length / MnistDigits.PixelCount;
        if (count < 2)
        {
            throw new ArgumentException("a Fréchet distance needs at least two samples", nameof(samples));
        }

        if (requestedClasses is not null && requestedClasses.Count != count)
        {
            throw new ArgumentException($"{requestedClasses.Count} requested classes for {count} samples", nameof(requestedClasses));
        }

        var (probabilities, features) = classifier.Classify(samples);
        var perClass = new int[MnistDigits.DigitCount];
        var confidence = 0.0;
        var confident = 0;
        var asked = 0;
        for (var s = 0; s < count; s++)
        {
            var row = probabilities.AsSpan(s * MnistDigits.DigitCount, MnistDigits.DigitCount);
            var best = 0;
            for (var c = 1; c < row.Length; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            perClass[best]++;
            asked += requestedClasses is not null && requestedClasses[s] == best ? 1 : 0;
            confidence += row[best];
            confident += row[best] >= ConfidentAt ? 1 : 0;
        }

        var (mean, covariance) = FrechetDistance.Statistics(features, count, DigitClassifier.FeatureSize);
        var (realMean, realCovariance) = classifier.RealStatistics;
        return new DigitEvaluationResult(
            perClass.Select(n => (double)n / count).ToArray(),
            perClass.Count(n => n >= minSamplesPerClass),
            confidence / count,
            (double)confident / count,
            FrechetDistance.Between(mean, covariance, realMean, realCovariance),
            requestedClasses is null ? null : (double)asked / count);
    }
}
