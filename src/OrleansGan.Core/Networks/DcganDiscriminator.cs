using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Core.Networks;

/// <summary>
/// The DCGAN discriminator for 28x28 images (Radford et al. 2016, sec. 3): flat [batch, 784] samples are read as
/// maps; a stride-2 convolution to C1 maps of 14x14 and LeakyReLU 0.2, with no normalisation on this input layer; a
/// stride-2 convolution to C2 maps of 7x7, normalisation and LeakyReLU; a dense layer to one logit (n + 1 for the
/// (n+1)-class discriminator). A class-conditional discriminator reads [x, onehot(y)] and sees the class as n constant
/// channels beside the image (<see cref="ClassChannels"/>), so its first convolution has 1 + n input channels. A PacGAN
/// pack of m images enters as m channels (m (1 + n) when conditional: each sample's image and class planes in turn);
/// minibatch features join the flattened 7x7 maps before the last layer.
/// </summary>
public sealed class DcganDiscriminator : LayeredNetwork
{
    /// <summary>A discriminator through <paramref name="channels"/> = [C1, C2] maps.</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="channels">The two channel widths.</param>
    /// <param name="normalization">How the second convolution's maps are normalised.</param>
    /// <param name="outputScale">A constant the logit is multiplied by.</param>
    /// <param name="minibatchFeatures">Minibatch discrimination before the last layer, or null.</param>
    /// <param name="pack">Images per judgment (PacGAN).</param>
    /// <param name="classes">Classes the discriminator is conditioned on (0: unconditional).</param>
    /// <param name="outputs">Logits per judgment.</param>
    public DcganDiscriminator(string name, IReadOnlyList<int> channels, Normalization normalization, double outputScale = 1,
        MinibatchFeaturesSpec? minibatchFeatures = null, int pack = 1, int classes = 0, int outputs = 1)
        : base(name, Build(channels, normalization, minibatchFeatures, pack, classes, outputs), outputScale, InitializationScheme.Dcgan)
    {
    }

    private static List<NetworkLayer> Build(
        IReadOnlyList<int> channels, Normalization normalization, MinibatchFeaturesSpec? minibatchFeatures, int pack, int classes, int outputs)
    {
        if (channels.Count != 2)
        {
            throw new ArgumentException($"a DCGAN discriminator has two channel widths (got {channels.Count})", nameof(channels));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(pack, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(classes);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        var (c1, c2) = (channels[0], channels[1]);
        var inputs = pack * (1 + classes);
        var layers = new List<NetworkLayer>();
        if (classes > 0)
        {
            layers.Add(new ClassChannels(classes));
        }

        layers.Add(new ReshapeLayer(inputs, 28, 28));
        layers.Add(new ConvolutionLayer(inputs, c1));
        layers.Add(new ActivationLayer(Activation.LeakyRelu));
        layers.Add(new ConvolutionLayer(c1, c2));
        if (normalization != Normalization.None)
        {
            layers.Add(new FeatureNormalization(c2, normalization));
        }

        layers.Add(new ActivationLayer(Activation.LeakyRelu));
        var width = c2 * 7 * 7;
        layers.Add(new ReshapeLayer(width));
        if (minibatchFeatures is { Kernels: > 0 } features)
        {
            layers.Add(new MinibatchDiscrimination(width, features.Kernels, features.KernelSize));
            width += features.Kernels;
        }

        layers.Add(new DenseLayer(width, outputs));
        return layers;
    }
}
