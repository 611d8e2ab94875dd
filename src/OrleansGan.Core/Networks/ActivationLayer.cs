using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>A nonlinearity, applied elementwise; it has no parameters.</summary>
public sealed class ActivationLayer : NetworkLayer
{
    private readonly Activation _activation;

    /// <summary>The nonlinearity <paramref name="activation"/> (LeakyReLU with slope 0.2, the DCGAN discriminator's).</summary>
    public ActivationLayer(Activation activation)
        : base(nameof(ActivationLayer))
    {
        _activation = Enum.IsDefined(activation)
            ? activation
            : throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation");
    }

    /// <inheritdoc />
    public override (Tensor Output, Tensor? Reference) Apply(Tensor input, Tensor? reference, ParameterCursor parameters) =>
        (Run(input), reference is null ? null : Run(reference));

    private Tensor Run(Tensor x) => _activation switch
    {
        Activation.Relu => nn.functional.relu(x),
        Activation.LeakyRelu => nn.functional.leaky_relu(x, 0.2),
        _ => tanh(x),
    };
}
