using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// Normalises each feature (each channel of a feature map) to zero mean and unit variance, then scales by gamma and
/// shifts by beta. Statistics are always computed, never tracked: there are no running averages, so a network
/// behaves the same in training and evaluation and has no state besides its parameters.
/// </summary>
/// <remarks>
/// Batch: mean and (biased) variance over the minibatch (and the positions of a map), Ioffe and Szegedy 2015, Alg. 1.
/// Virtual batch (Salimans et al. 2016, sec. 3.4, as in their code): the reference batch R of n samples is normalised
/// with its own statistics; a sample x with mean_x = (1/(n+1)) x + (n/(n+1)) mean_R and
/// var_x = (1/(n+1)) x^2 + (n/(n+1)) mean_R(r^2) - mean_x^2 (for maps, x and x^2 are averaged over the sample's
/// positions), so its output depends only on itself and the reference batch.
/// </remarks>
public sealed class FeatureNormalization : NetworkLayer
{
    private const double Epsilon = 1e-5;

    /// <summary>Normalises <paramref name="features"/> features by <paramref name="mode"/> (batch or virtual batch).</summary>
    public FeatureNormalization(int features, Normalization mode)
        : base(nameof(FeatureNormalization))
    {
        Mode = mode is Normalization.Batch or Normalization.VirtualBatch
            ? mode
            : throw new ArgumentOutOfRangeException(nameof(mode), mode, "a normalisation layer is batch or virtual-batch");
        AddParameter("weight", features);
        AddParameter("bias", features);
    }

    /// <summary>Batch or virtual batch.</summary>
    public Normalization Mode { get; }

    /// <inheritdoc />
    public override (Tensor Output, Tensor? Reference) Apply(Tensor input, Tensor? reference, ParameterCursor parameters)
    {
        var (gamma, beta) = (parameters.Next(), parameters.Next());
        var shape = input.ndim == 4 ? new long[] { 1, -1, 1, 1 } : [1, -1];
        Tensor Affine(Tensor normalized) => (normalized * gamma.reshape(shape)) + beta.reshape(shape);
        long[] batchDims = input.ndim == 4 ? [0, 2, 3] : [0];
        if (Mode == Normalization.Batch)
        {
            return (Affine(Normalize(input, batchDims)), reference is null ? null : Affine(Normalize(reference, batchDims)));
        }

        if (reference is null)
        {
            throw new InvalidOperationException("virtual batch normalisation needs the network's reference batch");
        }

        var referenceMean = reference.mean(batchDims, keepdim: true);
        var referenceMeanSquare = (reference * reference).mean(batchDims, keepdim: true);
        var referenceOut = Affine((reference - referenceMean) / (referenceMeanSquare - referenceMean.square() + Epsilon).sqrt());

        var own = 1.0 / (reference.shape[0] + 1);
        var (sampleMean, sampleMeanSquare) = input.ndim == 4
            ? (input.mean([2, 3], keepdim: true), (input * input).mean([2, 3], keepdim: true))
            : (input, input * input);
        var mean = (own * sampleMean) + ((1 - own) * referenceMean);
        var meanSquare = (own * sampleMeanSquare) + ((1 - own) * referenceMeanSquare);
        var output = Affine((input - mean) / (meanSquare - mean.square() + Epsilon).sqrt());
        return (output, referenceOut);
    }

    /// <inheritdoc />
    public override void Initialize(Generator stream, InitializationScheme scheme)
    {
        if (scheme == InitializationScheme.Dcgan)
        {
            DrawNormal("weight", stream, 1, 0.02);
        }
        else
        {
            FillParameter("weight", 1);
        }

        FillParameter("bias", 0);
    }

    private static Tensor Normalize(Tensor x, long[] dims)
    {
        var mean = x.mean(dims, keepdim: true);
        var centered = x - mean;
        return centered / (centered.square().mean(dims, keepdim: true) + Epsilon).sqrt();
    }
}
