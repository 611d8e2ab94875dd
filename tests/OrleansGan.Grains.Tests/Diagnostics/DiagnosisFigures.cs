using System.Text;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Core.Checkpoints;

namespace OrleansGan.Grains.Tests.Diagnostics;

/// <summary>
/// In-game diagnoses for the tests that compare a disturbed game's with an undisturbed one's, in process and (linked
/// into it) in OrleansGan.Cluster.Tests' process tests.
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
}
