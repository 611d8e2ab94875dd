using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>The Dirac-GAN's discriminator: the logit is scale * (psi . x), with no bias.</summary>
public sealed class LinearCritic : PlayerNetwork
{
    private readonly Parameter psi;
    private readonly double _scale;

    /// <summary>A critic of <paramref name="inputSize"/>-dimensional samples.</summary>
    public LinearCritic(string name, int inputSize, double scale)
        : base(name)
    {
        psi = new Parameter(zeros(inputSize));
        _scale = scale;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => ForwardWith(input, [psi]);

    /// <inheritdoc />
    public override Tensor ForwardWith(Tensor input, IReadOnlyList<Tensor> parameters) =>
        input.matmul(parameters[0]).unsqueeze(1) * _scale;

    /// <inheritdoc />
    public override void Initialize(Generator stream, double? initialValue) => FillOrDrawNormal(stream, initialValue);
}
