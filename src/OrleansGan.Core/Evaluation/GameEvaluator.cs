using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Networks;

namespace OrleansGan.Core.Evaluation;

/// <summary>
/// Judges a game's evaluation sample (the generator's samples from fixed noise, and the discriminator's mean scores on
/// them and on held-out real data) against the game's real data: mode coverage and sample quality on the mixtures;
/// the digit classifier's shares, confidence, Fréchet distance and class accuracy on MNIST. Pure computation with no
/// knowledge of grains; the first MNIST evaluation in a process trains the classifier (or reads its cache), so callers
/// on a grain's scheduler run it off that scheduler.
/// </summary>
public sealed class GameEvaluator(GameSpec spec)
{
    private readonly RealData _data = RealData.For(spec.Data);

    /// <summary>True when every value of the sample is a finite number (a diverged generator's are not).</summary>
    public static bool IsFinite(float[] values) => values.All(float.IsFinite);

    /// <summary>The evaluation after round <paramref name="round"/> (0: before any move).</summary>
    /// <param name="round">Rounds completed.</param>
    /// <param name="samples">The generator's evaluation sample as it travelled, [samples, dimension].</param>
    /// <param name="values">The same sample's values, row-major.</param>
    /// <param name="scores">The discriminator's mean scores on held-out real data and on the sample.</param>
    public EvaluationRecord Evaluate(int round, TensorBytes samples, float[] values, DiscriminatorEvaluation scores) => _data switch
    {
        GaussianMixture mixture => Mixture(round, values, mixture, scores, samples),
        MnistDigits digits => Digits(round, values, digits, scores),
        _ => throw new InvalidOperationException($"no evaluation for data {spec.Data.Kind}"),
    };

    private EvaluationRecord Mixture(int round, float[] values, GaussianMixture mixture, DiscriminatorEvaluation scores, TensorBytes samples)
    {
        var coverage = ModeCoverage.Measure(values, mixture, spec.Evaluation);
        return new EvaluationRecord(round, coverage.ModesCovered, coverage.ModeCount, coverage.HighQualityFraction,
            scores.MeanRealScore, scores.MeanFakeScore, samples, ReverseKl: coverage.ReverseKl);
    }

    // Only a small quantised grid travels on: thousands of 784-pixel samples would swell every status and record.
    private EvaluationRecord Digits(int round, float[] values, MnistDigits digits, DiscriminatorEvaluation scores)
    {
        var count = values.Length / digits.Dimension;
        var classes = ClassConditioning.Classes(spec);

        // A conditional generator made its evaluation sample for these classes (GeneratorPlayer.Sample).
        var requested = classes > 0 ? ClassConditioning.BalancedClasses(count, classes) : null;
        var judged = DigitEvaluation.Measure(values, DigitClassifier.For(digits), spec.Evaluation.MinSamplesPerMode, requested);
        var grid = values.Take(Math.Min(EvaluationRecord.GridSamples, count) * digits.Dimension)
            .Select(MnistDigits.ToPixel).ToArray();
        return new EvaluationRecord(round, judged.ClassesCovered, digits.ClassCount, judged.ConfidentFraction,
            scores.MeanRealScore, scores.MeanFakeScore, new TensorBytes([], [0, digits.Dimension]),
            [.. judged.ClassShares], judged.MeanConfidence, judged.FrechetDistance, grid, judged.ClassAccuracy);
    }
}
