using OrleansGan.Abstractions.Messages;

namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>Everything the diagnostics found at one point of a game.</summary>
/// <param name="GameId">The game.</param>
/// <param name="Round">The round the point was reached after.</param>
/// <param name="Spectra">J by largest modulus and by smallest real part; H_G and H_D largest and smallest; the Schur complement's smallest where it applies.</param>
/// <param name="PathAngle">From the previous point (or the initialisation); null when not asked for.</param>
/// <param name="DualityGap">The plain estimate; null when not asked for.</param>
/// <param name="PerturbedDualityGap">The perturbed estimate; null when not asked for.</param>
/// <param name="Notes">What could not be computed, and why.</param>
[GenerateSerializer, Immutable]
public sealed record Diagnosis(
    [property: Id(0)] string GameId,
    [property: Id(1)] int Round,
    [property: Id(2)] long GeneratorParameters,
    [property: Id(3)] long DiscriminatorParameters,
    [property: Id(4)] DiagnosticBatch Batch,
    [property: Id(5)] TensorPrecision Precision,
    [property: Id(6)] FieldSummary Field,
    [property: Id(7)] IReadOnlyList<SpectrumEstimate> Spectra,
    [property: Id(8)] EquilibriumVerdict Verdict,
    [property: Id(9)] PathAngle? PathAngle,
    [property: Id(10)] DualityGap? DualityGap,
    [property: Id(11)] DualityGap? PerturbedDualityGap,
    [property: Id(12)] IReadOnlyList<string> Notes,
    [property: Id(13)] double Seconds)
{
    /// <summary>The spectrum of one operator at one end, or null.</summary>
    public SpectrumEstimate? Spectrum(SpectralOperator op, EigenvalueSelection selection) =>
        Spectra.FirstOrDefault(s => s.Operator == op && s.Selection == selection);
}
