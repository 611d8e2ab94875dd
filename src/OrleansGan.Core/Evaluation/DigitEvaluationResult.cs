namespace OrleansGan.Core.Evaluation;

/// <summary>What the classifier makes of a set of generated digits.</summary>
/// <param name="ClassShares">Share of the samples classified as each digit 0-9.</param>
/// <param name="ClassesCovered">Digits with at least the minimum number of samples.</param>
/// <param name="MeanConfidence">Mean of the classifier's largest class probability.</param>
/// <param name="ConfidentFraction">Share of samples whose largest class probability is at least <see cref="DigitEvaluation.ConfidentAt"/>.</param>
/// <param name="FrechetDistance">Fréchet distance between the samples' and the real digits' classifier features.</param>
/// <param name="ClassAccuracy">
/// Share of samples the classifier assigns to the class they were generated for (a conditional generator's); null when
/// the samples were not generated for classes.
/// </param>
public sealed record DigitEvaluationResult(
    IReadOnlyList<double> ClassShares,
    int ClassesCovered,
    double MeanConfidence,
    double ConfidentFraction,
    double FrechetDistance,
    double? ClassAccuracy = null);
