using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Core.Networks;

/// <summary>
/// The DCGAN generator for 28x28 images (Radford et al. 2016, sec. 3 and fig. 1, scaled to MNIST): z, a dense layer to
/// C1 maps of 7x7, normalisation and ReLU; a stride-2 transposed convolution to C2 maps of 14x14, normalisation and
/// ReLU; a stride-2 transposed convolution to one 28x28 map and tanh, with no normalisation on the output layer. The
/// images leave flat, [batch, 784], like every sample in the game.
/// </summary>
public sealed class DcganGenerator : LayeredNetwork
{
    /// <summary>Pixels per image.</summary>
    public const int ImageSize = 28 * 28;

    /// <summary>A generator from <paramref name="latentSize"/> noise through <paramref name="channels"/> = [C1, C2] maps.</summary>
    public DcganGenerator(string name, int latentSize, IReadOnlyList<int> channels, Normalization normalization)
        : base(name, Build(latentSize, channels, normalization), 1, InitializationScheme.Dcgan)
    {
    }

    private static List<NetworkLayer> Build(int latentSize, IReadOnlyList<int> channels, Normalization normalization)
    {
        if (channels.Count != 2)
        {
            throw new ArgumentException($"a DCGAN generator has two channel widths (got {channels.Count})", nameof(channels));
        }

        var (c1, c2) = (channels[0], channels[1]);
        var layers = new List<NetworkLayer> { new DenseLayer(latentSize, c1 * 7 * 7), new ReshapeLayer(c1, 7, 7) };
        AddNormalization(layers, c1, normalization);
        layers.Add(new ActivationLayer(Activation.Relu));
        layers.Add(new TransposedConvolutionLayer(c1, c2));
        AddNormalization(layers, c2, normalization);
        layers.Add(new ActivationLayer(Activation.Relu));
        layers.Add(new TransposedConvolutionLayer(c2, 1));
        layers.Add(new ActivationLayer(Activation.Tanh));
        layers.Add(new ReshapeLayer(ImageSize));
        return layers;
    }

    private static void AddNormalization(List<NetworkLayer> layers, int channels, Normalization normalization)
    {
        if (normalization != Normalization.None)
        {
            layers.Add(new FeatureNormalization(channels, normalization));
        }
    }
}
