using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Core.Networks;

/// <summary>
/// A multilayer perceptron: dense layers with a nonlinearity between them and none after the last. Optionally each
/// hidden layer is normalised before its nonlinearity (and may then drop its bias, the normalisation's shift taking its
/// place), hidden layers are maxout layers instead, minibatch features join the last hidden layer, the input is
/// multiplied by a fixed factor, and the input is a PacGAN pack of m samples.
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
    /// <param name="initialization">How the weights are drawn; null is PyTorch's default.</param>
    /// <param name="hiddenBias">Whether the hidden dense layers have biases (the output layer always has one).</param>
    /// <param name="maxoutPieces">k &gt; 1 makes every hidden layer a maxout layer of k pieces (and no activation follows).</param>
    /// <param name="inputScale">A fixed factor the input is multiplied by before the first layer.</param>
    public Mlp(string name, int inputSize, IReadOnlyList<int> hidden, int outputSize, Activation activation, double outputScale = 1,
        Normalization normalization = Normalization.None, MinibatchFeaturesSpec? minibatchFeatures = null, int pack = 1,
        InitializationScheme? initialization = null, bool hiddenBias = true, int maxoutPieces = 1, double inputScale = 1)
        : base(name, Build(inputSize, hidden, outputSize, activation, normalization, minibatchFeatures, pack, hiddenBias, maxoutPieces, inputScale),
            outputScale, initialization ?? InitializationScheme.PyTorchDefault)
    {
    }

    private static List<NetworkLayer> Build(int inputSize, IReadOnlyList<int> hidden, int outputSize, Activation activation,
        Normalization normalization, MinibatchFeaturesSpec? minibatchFeatures, int pack, bool hiddenBias, int maxoutPieces, double inputScale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pack, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxoutPieces, 1);
        if (maxoutPieces > 1 && (normalization != Normalization.None || !hiddenBias))
        {
            throw new ArgumentException("maxout layers are neither normalised nor without bias", nameof(maxoutPieces));
        }

        var layers = new List<NetworkLayer>();
        if (inputScale != 1)
        {
            layers.Add(new InputScaleLayer(inputScale));
        }

        var width = inputSize * pack;
        if (pack > 1)
        {
            layers.Add(new ReshapeLayer(width));
        }

        foreach (var h in hidden)
        {
            if (maxoutPieces > 1)
            {
                layers.Add(new MaxoutLayer(width, h, maxoutPieces));
                width = h;
                continue;
            }

            layers.Add(new DenseLayer(width, h, hiddenBias));
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
