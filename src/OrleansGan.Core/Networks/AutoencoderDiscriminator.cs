using OrleansGan.Abstractions.Spec;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OrleansGan.Core.Networks;

/// <summary>
/// EBGAN's discriminator (Zhao et al. 2016, section 2.3): an autoencoder whose energy is its reconstruction error,
/// D(x) = ||Dec(Enc(x)) - x||^2 / n, the mean squared error over the n features of each sample, as in the paper's
/// experiments. The encoder goes through the hidden widths to a code (the last width); the decoder mirrors it back to
/// the sample, with the nonlinearity after every layer but the last. The output is [batch, 1], one energy per sample,
/// so it stands wherever a logit would.
/// </summary>
public sealed class AutoencoderDiscriminator : PlayerNetwork
{
    private readonly ModuleList<Linear> layers = new();
    private readonly Func<Tensor, Tensor> _activation;
    private readonly int _encoderLayers;

    /// <summary>An autoencoder of <paramref name="inputSize"/>-dimensional samples with code size <c>hidden[^1]</c>.</summary>
    public AutoencoderDiscriminator(string name, int inputSize, IReadOnlyList<int> hidden, Activation activation)
        : base(name)
    {
        if (hidden.Count == 0)
        {
            throw new ArgumentException("an autoencoder needs at least one hidden width: its code", nameof(hidden));
        }

        _activation = activation switch
        {
            Activation.Relu => x => functional.relu(x),
            Activation.LeakyRelu => x => functional.leaky_relu(x, 0.2),
            Activation.Tanh => x => functional.tanh(x),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
        };
        var encoder = new List<int> { inputSize };
        encoder.AddRange(hidden);
        var widths = encoder.Concat(Enumerable.Reverse(encoder).Skip(1)).ToList();
        for (var i = 0; i + 1 < widths.Count; i++)
        {
            layers.Add(Linear(widths[i], widths[i + 1]));
        }

        _encoderLayers = hidden.Count;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => ForwardWith(input, Own());

    /// <inheritdoc />
    public override Tensor ForwardWith(Tensor input, IReadOnlyList<Tensor> parameters)
    {
        var reconstruction = Decode(Code(input, parameters), parameters);
        return (reconstruction - input).square().mean([1], keepdim: true);
    }

    /// <summary>Enc(x): the code the decoder reconstructs from, [batch, hidden[^1]], at <paramref name="parameters"/>.</summary>
    public Tensor Code(Tensor input, IReadOnlyList<Tensor> parameters)
    {
        var x = input;
        for (var i = 0; i < _encoderLayers; i++)
        {
            x = _activation(functional.linear(x, parameters[2 * i], parameters[(2 * i) + 1]));
        }

        return x;
    }

    /// <summary>Enc(x) at the network's own parameters.</summary>
    public Tensor Code(Tensor input) => Code(input, Own());

    /// <summary>PyTorch's default Linear initialisation from <paramref name="stream"/>, as <see cref="Mlp"/> does.</summary>
    public override void Initialize(Generator stream, double? initialValue)
    {
        if (initialValue is { } value)
        {
            Fill(value);
            return;
        }

        using var noGrad = no_grad();
        foreach (var linear in layers)
        {
            var bound = 1.0 / Math.Sqrt(linear.in_features);
            foreach (var parameter in new[] { linear.weight!, linear.bias! })
            {
                using var draw = (rand(parameter.shape, generator: stream) * (2 * bound)) - bound;
                parameter.copy_(draw);
            }
        }
    }

    private Tensor Decode(Tensor code, IReadOnlyList<Tensor> parameters)
    {
        var x = code;
        for (var i = _encoderLayers; i < layers.Count; i++)
        {
            x = functional.linear(x, parameters[2 * i], parameters[(2 * i) + 1]);
            if (i + 1 < layers.Count)
            {
                x = _activation(x);
            }
        }

        return x;
    }

    private List<Tensor> Own() => layers.SelectMany(l => new Tensor[] { l.weight!, l.bias! }).ToList();
}
