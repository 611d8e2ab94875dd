using System.Text;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Checkpoints;

namespace OrleansGan.Grains.Tests.Diagnostics;

/// <summary>
/// In-game diagnoses for the tests: a sample with every kind of field, and the figures that compare a disturbed game's
/// with an undisturbed one's, in process and (linked into them) in OrleansGan.Cluster.Tests' process tests and
/// OrleansGan.Client.Tests.
/// </summary>
internal static class DiagnosisFigures
{
    /// <summary>A spec's diagnostics section every <paramref name="every"/> rounds, cheap: the record, not the numbers, is under test.</summary>
    public static Dictionary<string, string> Cheap(int every) => new()
    {
        ["diagnostics.every"] = $"{every}", ["diagnostics.batchSize"] = "64", ["diagnostics.chunks"] = "4", ["diagnostics.eigenvalues"] = "4",
        ["diagnostics.extremeEigenvalues"] = "2", ["diagnostics.maxRestarts"] = "20", ["diagnostics.dualityGap.steps"] = "10",
        ["diagnostics.dualityGap.scoreBatches"] = "2", ["diagnostics.pathAngle.points"] = "5", ["diagnostics.precision"] = "float32",
    };

    /// <summary>
    /// Every field of a diagnosis but its game's id and the times it took, as the log writes it (its records hold
    /// lists, which records compare by reference).
    /// </summary>
    public static string Of(Diagnosis d) => Encoding.UTF8.GetString(RecordFormat.Write(d with
    {
        GameId = "",
        Seconds = 0,
        Spectra = d.Spectra.Select(s => s with { Seconds = 0 }).ToList(),
        DualityGap = d.DualityGap is { } plain ? plain with { Seconds = 0 } : null,
        PerturbedDualityGap = d.PerturbedDualityGap is { } perturbed ? perturbed with { Seconds = 0 } : null,
    }));

    /// <summary>A diagnosis with every kind of field, NaN and infinities included (a gap not estimated, a residual that blew up).</summary>
    public static Diagnosis Sample(string gameId, int round, int from) => new(
        gameId, round, 1_083, 1_121, new DiagnosticBatch(64, 4, 17, 19), TensorPrecision.Float32,
        new FieldSummary(0.5 / round, 0.25, 0.375, 0.125, 0.0625, 1.5, 12.25, 3, 0.69, 0.7, 0.51, 0.49),
        [
            new SpectrumEstimate(SpectralOperator.GameJacobian, EigenvalueSelection.LargestMagnitude,
                [new EigenvalueEstimate(round * 0.1, 1.0 / 3, 1e-9, true), new EigenvalueEstimate(-0.2, -1.0 / 3, double.PositiveInfinity, false)], 2.5, 40, 1, 0.25),
            new SpectrumEstimate(SpectralOperator.GeneratorHessian, EigenvalueSelection.SmallestReal, [new EigenvalueEstimate(-1e-7, 0, 1e-5, true)], 1, 300, 7, 1.5),
        ],
        new EquilibriumVerdict(new Finding(Answer.No, "T = 3"), new Finding(Answer.Undetermined, "Re(lambda) ~ 0"), new Finding(Answer.Yes, "all > 0"),
            new Finding(Answer.No, "lambda_min < 0"), new Finding(Answer.No, "not zero-sum"), null, new Finding(Answer.No, "-"), new Finding(Answer.No, "-"), null,
            "not stationary"),
        new PathAngle(from, round, Math.Sqrt(round), [new PathAnglePoint(-0.1, 0.99, 4, 0.7, 0.69), new PathAnglePoint(1.1, -0.25, double.NaN, 0.7, 0.69)]),
        new DualityGap(0.125, 0.75, 0.625, 0, 20, 0.5), null, ["the Schur complement: not zero-sum"], 3.25);
}
