using OrleansGan.Abstractions.Messages;

namespace OrleansGan.Abstractions.Game;

/// <summary>An evaluation of the generator on a large fixed-noise sample, after a given round.</summary>
/// <param name="Round">Rounds completed when the evaluation was taken (0: before any move).</param>
/// <param name="ModesCovered">Modes with enough high-quality samples nearest to them.</param>
/// <param name="ModeCount">Modes of the real distribution.</param>
/// <param name="HighQualityFraction">Share of samples within the quality radius of some mode.</param>
/// <param name="MeanRealScore">Discriminator's mean D(x) on a held-out real sample (sigma(logit); the mean energy in the energy-based game).</param>
/// <param name="MeanFakeScore">Discriminator's mean D(G(z)) on the generated sample.</param>
/// <param name="Samples">The generated sample itself, [samples, dimension].</param>
[GenerateSerializer, Immutable]
public sealed record EvaluationRecord(
    [property: Id(0)] int Round,
    [property: Id(1)] int ModesCovered,
    [property: Id(2)] int ModeCount,
    [property: Id(3)] double HighQualityFraction,
    [property: Id(4)] double MeanRealScore,
    [property: Id(5)] double MeanFakeScore,
    [property: Id(6)] TensorBytes Samples);
