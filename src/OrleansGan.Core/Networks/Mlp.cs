using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Core.Networks;

/// <summary>
/// A multilayer perceptron: dense layers with a nonlinearity between them and none after the last. Optionally each
/// hidden layer is normalised before its nonlinearity, minibatch features join the last hidden layer, and the input
/// is a PacGAN pack of m samples.
/// </summary>
public sealed class Mlp : LayeredNetwork
{
    /// <summary>Builds the layers; weights are set by <see cref="LayeredNetwork.Initialize"/>, from the player's own stream.</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="inputSize">Values per sample.</param>
    /// <param name="hidden">Hidden widths.</param>
    /// <param name="outputSize">Values per output.</param>
    /// <param name="activation">The nonlinearity between layers.</param>
    /// <param name="outputScale">A constant the output is multiplied by.</param>
    /// <param name="normalization">How every hidden layer is normalised.</param>
    /// <param name="minibatchFeatures">Minibatch discrimination before the last layer, or null.</param>
    /// <param name="pack">Samples per input row (PacGAN); the first layer sees pack * inputSize values.</param>
    public Mlp(string name, int inputSize, IReadOnlyList<int> hidden, int outputSize, Activation activation, double outputScale = 1,
        Normalization normalization = Normalization.None, MinibatchFeaturesSpec? minibatchFeatures = null, int pack = 1)
        : base(name, Build(inputSize, hidden, outputSize, activation, normalization, minibatchFeatures, pack), outputScale,
            InitializationScheme.PyTorchDefault)
    {
    }

    private static List<NetworkLayer> Build(int inputSize, IReadOnlyList<int> hidden, int outputSize, Activation activation,
        Normalization normalization, MinibatchFeaturesSpec? minibatchFeatures, int pack)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pack, 1);
        var layers = new List<NetworkLayer>();
        var width = inputSize * pack;
        if (pack > 1)
        {
            layers.Add(new ReshapeLayer(width));
        }

        foreach (var h in hidden)
        {
            layers.Add(new DenseLayer(width, h));
            if (normalization != Normalization.None)
            {
                layers.Add(new FeatureNormalization(h, normalization));
            }

            layers.Add(new ActivationLayer(activation));
            width = h;
        }

        if (minibatchFeatures is { Kernels: > 0 } features)
        {
            layers.Add(new MinibatchDiscrimination(width, features.Kernels, features.KernelSize));
            width += features.Kernels;
        }

        layers.Add(new DenseLayer(width, outputSize));
        return layers;
    }
}
