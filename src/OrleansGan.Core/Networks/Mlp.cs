using OrleansGan.Abstractions.Spec;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OrleansGan.Core.Networks;

/// <summary>A multilayer perceptron: Linear layers with a nonlinearity between them and none after the last.</summary>
public sealed class Mlp : PlayerNetwork
{
    private readonly ModuleList<Module<Tensor, Tensor>> layers = new();
    private readonly double _outputScale;

    /// <summary>Builds the layers; weights are set by <see cref="Initialize"/>, from the player's own stream.</summary>
    public Mlp(string name, int inputSize, IReadOnlyList<int> hidden, int outputSize, Activation activation, double outputScale = 1)
        : base(name)
    {
        _outputScale = outputScale;
        var widths = new List<int> { inputSize };
        widths.AddRange(hidden);
        widths.Add(outputSize);
        for (var i = 0; i + 1 < widths.Count; i++)
        {
            layers.Add(Linear(widths[i], widths[i + 1]));
            if (i + 2 < widths.Count)
            {
                layers.Add(activation switch
                {
                    Activation.Relu => ReLU(),
                    Activation.LeakyRelu => LeakyReLU(0.2),
                    Activation.Tanh => Tanh(),
                    _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
                });
            }
        }

        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var layer in layers)
        {
            x = layer.call(x);
        }

        return _outputScale == 1 ? x : x * _outputScale;
    }

    /// <inheritdoc />
    public override Tensor ForwardWith(Tensor input, IReadOnlyList<Tensor> parameters)
    {
        var x = input;
        var next = 0;
        foreach (var layer in layers)
        {
            x = layer is Linear
                ? functional.linear(x, parameters[next++], parameters[next++])
                : layer.call(x);
        }

        return _outputScale == 1 ? x : x * _outputScale;
    }

    /// <summary>
    /// PyTorch's default Linear initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases, drawn from
    /// <paramref name="stream"/> rather than the process-wide stream that concurrent games would share.
    /// </summary>
    public override void Initialize(Generator stream, double? initialValue)
    {
        if (initialValue is { } value)
        {
            Fill(value);
            return;
        }

        using var noGrad = no_grad();
        foreach (var linear in layers.OfType<Linear>())
        {
            var bound = 1.0 / Math.Sqrt(linear.in_features);
            foreach (var parameter in new[] { linear.weight!, linear.bias! })
            {
                using var draw = (rand(parameter.shape, generator: stream) * (2 * bound)) - bound;
                parameter.copy_(draw);
            }
        }
    }
}
