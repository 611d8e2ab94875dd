using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Core.Sweeps;

/// <summary>
/// The figures a sweep can aggregate: the evaluation figures a run folder's evaluations.csv holds, by its column
/// names, so results.csv, summary.md and the pictures use the names a reader of one run already knows.
/// </summary>
public static class SweepFigures
{
    /// <summary>Every figure, with what it means.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["modes_covered"] = "modes (for images: classes) covered",
        ["high_quality_fraction"] = "share of high-quality samples (for images: confident ones)",
        ["mean_real_score"] = "mean D(x) on held-out real samples",
        ["mean_fake_score"] = "mean D(G(z))",
        ["mean_confidence"] = "the digit classifier's mean confidence",
        ["frechet_distance"] = "Fréchet distance in the classifier's features",
        ["class_accuracy"] = "class accuracy of a conditional generator",
    };

    /// <summary>The figures a sweep aggregates when its file names none: coverage and quality, or the distance for images.</summary>
    public static IReadOnlyList<string> Default(DataKind data) =>
        data == DataKind.Mnist ? ["modes_covered", "frechet_distance"] : ["modes_covered", "high_quality_fraction"];
}
