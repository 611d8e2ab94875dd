using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Core.Spec;

/// <summary>The checks of a spec's <c>diagnostics</c> section (also the <c>diagnose</c> command's options).</summary>
public static class DiagnosticsSpecValidator
{
    /// <summary>The most samples in a diagnostic batch.</summary>
    public const int MaxBatch = 1 << 16;

    /// <summary>Every problem with <paramref name="diagnostics"/>, as "field: what is wrong", for a game with minibatches of <paramref name="pack"/>-packs.</summary>
    public static IReadOnlyList<string> Problems(DiagnosticsSpec? diagnostics, int pack = 1)
    {
        var problems = new List<string>();
        if (diagnostics is null)
        {
            return problems;
        }

        void Check(bool ok, string field, string problem)
        {
            if (!ok)
            {
                problems.Add($"diagnostics.{field}: {problem}");
            }
        }

        var d = diagnostics;
        Check(d.Every >= 0, "every", $"must be 0 (never) or a number of rounds (got {d.Every})");
        Check(d.BatchSize is >= 1 and <= MaxBatch, "batchSize", $"must be between 1 and {MaxBatch} (got {d.BatchSize})");
        Check(d.Chunks >= 2 && d.Chunks <= Math.Max(2, d.BatchSize), "chunks",
            $"the stationarity test needs at least 2 chunks and at most one per sample (got {d.Chunks})");
        Check(d.Chunks < 1 || (d.BatchSize % d.Chunks == 0 && d.BatchSize / d.Chunks % Math.Max(1, pack) == 0), "batchSize",
            $"{d.BatchSize} samples do not cut into {d.Chunks} equal chunks{(pack > 1 ? $" of whole packs of {pack}" : "")}");
        Check(d.Eigenvalues is >= 1 and <= 500, "eigenvalues", $"must be between 1 and 500 (got {d.Eigenvalues})");
        Check(d.ExtremeEigenvalues is >= 1 and <= 500, "extremeEigenvalues", $"must be between 1 and 500 (got {d.ExtremeEigenvalues})");
        Check(d.Tolerance is > 0 and < 1, "tolerance", $"must lie in (0, 1) (got {d.Tolerance})");
        Check(d.MaxRestarts is >= 0 and <= 100_000, "maxRestarts", $"must be between 0 and 100000 (got {d.MaxRestarts})");
        Check(Enum.IsDefined(d.Precision), "precision", $"must be float32 or float64 (got {d.Precision})");
        var gap = d.DualityGap;
        if (gap is null)
        {
            problems.Add("diagnostics.dualityGap: missing (steps: 0 turns it off)");
        }
        else
        {
            Check(gap.Steps is >= 0 and <= 1_000_000, "dualityGap.steps", $"must be between 0 (off) and 1000000 (got {gap.Steps})");
            Check(gap.ScoreBatches is >= 1 and <= 100_000, "dualityGap.scoreBatches", $"must be between 1 and 100000 (got {gap.ScoreBatches})");
            Check(double.IsFinite(gap.Perturbation) && gap.Perturbation >= 0, "dualityGap.perturbation",
                $"the noise std must be finite and >= 0 (got {gap.Perturbation}); 0 computes the plain gap only");
            Check(gap.LearningRate is null || (double.IsFinite(gap.LearningRate.Value) && gap.LearningRate > 0), "dualityGap.learningRate",
                $"must be positive, or null for the player's own (got {gap.LearningRate})");
        }

        var path = d.PathAngle;
        if (path is null)
        {
            problems.Add("diagnostics.pathAngle: missing (points: 0 turns it off)");
        }
        else
        {
            Check(path.Points is 0 or (>= 2 and <= 10_000), "pathAngle.points", $"must be 0 (off) or between 2 and 10000 (got {path.Points})");
            Check(double.IsFinite(path.From) && double.IsFinite(path.To) && path.From < path.To, "pathAngle.from",
                $"the path runs from a smaller alpha to a larger one (got from {path.From} to {path.To})");
        }

        return problems;
    }
}
