using OrleansGan.Abstractions.Messages;

namespace OrleansGan.Abstractions.Game;

/// <summary>An evaluation of the generator on a large fixed-noise sample, after a given round.</summary>
/// <param name="Round">Rounds completed when the evaluation was taken (0: before any move).</param>
/// <param name="ModesCovered">Modes with enough high-quality samples nearest to them; for images, classes with enough samples.</param>
/// <param name="ModeCount">Modes of the real distribution; for images, its classes.</param>
/// <param name="HighQualityFraction">Share of samples within the quality radius of some mode; for images, share the classifier is confident about.</param>
/// <param name="MeanRealScore">Discriminator's mean D(x) on a held-out real sample (sigma(logit); the mean energy in the energy-based game).</param>
/// <param name="MeanFakeScore">Discriminator's mean D(G(z)) on the generated sample.</param>
/// <param name="Samples">The generated sample itself, [samples, dimension]; for images [0, dimension] (see <paramref name="SampleGrid"/>).</param>
/// <param name="ClassShares">For images: the share of samples the evaluation classifier puts in each class; null for the mixtures.</param>
/// <param name="MeanConfidence">For images: the classifier's mean largest class probability; null for the mixtures.</param>
/// <param name="FrechetDistance">For images: the Fréchet distance between generated and real classifier features; null for the mixtures.</param>
/// <param name="SampleGrid">
/// For images: the first <see cref="GridSamples"/> samples (the same latent noise at every evaluation) as 0-255 pixels,
/// row-major [samples, dimension], so a client can draw them without tensors; null for the mixtures.
/// </param>
/// <param name="ClassAccuracy">
/// For images from a class-conditional generator: the share of samples the evaluation classifier assigns to the class
/// they were generated for (sample i is asked for class i mod n); null otherwise.
/// </param>
/// <param name="ReverseKl">
/// For the mixtures: PacGAN's reverse KL, KL(p || uniform) = sum_i p_i log(n p_i) in nats, p the histogram of the
/// high-quality samples over the n modes (empty modes add 0); null when no sample is high-quality, and for images.
/// </param>
/// <param name="Field">
/// For the 2-D mixtures: what the players showed of the field at this evaluation (D over the plotted square, the
/// gradient message at <paramref name="Samples"/>, the manifold), so every evaluation has its field picture; null for images.
/// </param>
[GenerateSerializer, Immutable]
public sealed record EvaluationRecord(
    [property: Id(0)] int Round,
    [property: Id(1)] int ModesCovered,
    [property: Id(2)] int ModeCount,
    [property: Id(3)] double HighQualityFraction,
    [property: Id(4)] double MeanRealScore,
    [property: Id(5)] double MeanFakeScore,
    [property: Id(6)] TensorBytes Samples,
    [property: Id(7)] double[]? ClassShares = null,
    [property: Id(8)] double? MeanConfidence = null,
    [property: Id(9)] double? FrechetDistance = null,
    [property: Id(10)] byte[]? SampleGrid = null,
    [property: Id(11)] double? ClassAccuracy = null,
    [property: Id(12)] double? ReverseKl = null,
    [property: Id(13)] EvaluationField? Field = null)
{
    /// <summary>Samples in <see cref="SampleGrid"/>: an 8 x 8 grid.</summary>
    public const int GridSamples = 64;

    /// <summary>
    /// The record without its samples, digits and field (tens of KB): what curves and tables need of an evaluation
    /// that is no longer the latest, so a long game's evaluations can be held in memory.
    /// </summary>
    public EvaluationRecord FiguresOnly() =>
        this with { Samples = new TensorBytes([], [0, Samples.Shape.Length > 1 ? Samples.Shape[1] : 0]), SampleGrid = null, Field = null };
}
