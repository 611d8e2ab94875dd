using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Core.Data;

/// <summary>
/// The real distribution the discriminator samples from. Every sample is a flat vector of <see cref="Dimension"/>
/// values (images travel flattened; image networks reshape them), and every sample has a class: its mode for the
/// synthetic mixtures, its digit for MNIST. Classes let the evaluation count coverage and let class-conditional
/// players play.
/// </summary>
public abstract class RealData
{
    /// <summary>Values per sample.</summary>
    public abstract int Dimension { get; }

    /// <summary>Number of classes a sample can belong to.</summary>
    public abstract int ClassCount { get; }

    /// <summary>The data a spec names.</summary>
    public static RealData For(DataSpec data) => data.Kind switch
    {
        DataKind.Ring8 or DataKind.Grid25 or DataKind.Dirac => GaussianMixture.For(data),
        DataKind.Mnist => MnistDigits.For(data),
        _ => throw new ArgumentOutOfRangeException(nameof(data), data.Kind, "unknown data kind"),
    };

    /// <summary>Classes of the data a spec names, known without loading (or downloading) the data.</summary>
    public static int ClassCountOf(DataKind kind) => kind switch
    {
        DataKind.Mnist => MnistDigits.DigitCount,
        _ => GaussianMixture.For(new DataSpec(kind)).ClassCount,
    };

    /// <summary>Values per sample of the data a spec names, known without loading (or downloading) the data.</summary>
    public static int DimensionOf(DataKind kind) => kind switch
    {
        DataKind.Mnist => MnistDigits.PixelCount,
        _ => GaussianMixture.For(new DataSpec(kind)).Dimension,
    };

    /// <summary>
    /// The samples of <paramref name="part"/>; a distribution that is sampled afresh at every draw (the mixtures) has no
    /// finite set to split, and every part of it is the whole.
    /// </summary>
    public virtual RealData Part(DataPart part)
    {
        part.Validate();
        return this;
    }

    /// <summary>Draws <paramref name="count"/> samples with <paramref name="generator"/> (a CPU stream), placed on <paramref name="device"/>.</summary>
    public Tensor Sample(int count, Generator generator, Device device)
    {
        var (samples, labels) = SampleLabeled(count, generator, device);
        labels.Dispose();
        return samples;
    }

    /// <summary>
    /// Draws <paramref name="count"/> samples [count, Dimension] and their classes [count] (int64) with
    /// <paramref name="generator"/>, placed on <paramref name="device"/>. Draws exactly what <see cref="Sample"/> draws.
    /// </summary>
    public abstract (Tensor Samples, Tensor Labels) SampleLabeled(int count, Generator generator, Device device);
}
