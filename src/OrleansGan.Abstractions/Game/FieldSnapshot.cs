using OrleansGan.Abstractions.Messages;

namespace OrleansGan.Abstractions.Game;

/// <summary>
/// What GAN Lab draws, for one point of a game on 2-D data: the discriminator's field over the plotted square, the
/// real and generated samples, the gradient message dJ_G/dx at the generated samples (where each sample is pushed),
/// the generator's image of a regular latent grid, and the share of high-quality samples nearest each mode. Every
/// array is bytes plus a shape, so a snapshot can travel between grains like the game's other records.
/// </summary>
/// <param name="Round">Rounds completed at this point.</param>
/// <param name="Kind">What <paramref name="Values"/> means.</param>
/// <param name="Extent">The plotted square is [-Extent, Extent]^2.</param>
/// <param name="Values">
/// The field at the centres of a [cells, cells] grid, row r at y = -Extent + (r + 1/2) h, column c at
/// x = -Extent + (c + 1/2) h, h = 2 Extent / cells; null when the discriminator's output is not a function of one
/// point (see <paramref name="ValuesAbsent"/>).
/// </param>
/// <param name="ValuesAbsent">Why <paramref name="Values"/> is null; null when it is not.</param>
/// <param name="Real">A held-out real sample, [n, 2].</param>
/// <param name="Fake">Generated samples from the evaluations' fixed noise, [m, 2].</param>
/// <param name="Gradient">The gradient message dJ_G/dx at each generated sample, [m, 2], as the game's loss defines it (judged in minibatches of the game's size).</param>
/// <param name="Manifold">G over a regular [k, k] grid of latent points (the first two latent coordinates, the others 0), [k, k, 2]; null for a generator with fewer than two latent coordinates.</param>
/// <param name="LatentRange">The latent grid spans [-LatentRange, LatentRange] in both coordinates.</param>
/// <param name="ModeShares">Per mode, the share of generated samples that are high-quality and nearest it.</param>
/// <param name="ModesCovered">Modes with enough high-quality samples (as the evaluations count them).</param>
/// <param name="HighQualityFraction">The share of high-quality samples.</param>
/// <param name="Modes">The modes' means, [modes, 2].</param>
/// <param name="QualityRadius">The quality circles' radius (qualityStds times the modes' std).</param>
/// <param name="ManifoldClass">
/// For a class-conditional generator, the class <paramref name="Manifold"/> is drawn for, G(z, y) with y this class
/// (whose mode is <paramref name="Modes"/>' row of that index); null for an unconditional generator.
/// </param>
[GenerateSerializer, Immutable]
public sealed record FieldSnapshot(
    [property: Id(0)] int Round,
    [property: Id(1)] FieldValueKind Kind,
    [property: Id(2)] double Extent,
    [property: Id(3)] TensorBytes? Values,
    [property: Id(4)] string? ValuesAbsent,
    [property: Id(5)] TensorBytes Real,
    [property: Id(6)] TensorBytes Fake,
    [property: Id(7)] TensorBytes? Gradient,
    [property: Id(8)] TensorBytes? Manifold,
    [property: Id(9)] double LatentRange,
    [property: Id(10)] double[] ModeShares,
    [property: Id(11)] int ModesCovered,
    [property: Id(12)] double HighQualityFraction,
    [property: Id(13)] TensorBytes Modes,
    [property: Id(14)] double QualityRadius,
    [property: Id(15)] int? ManifoldClass = null);
