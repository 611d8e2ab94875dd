using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>The Dirac-GAN's generator: every z maps to the same point theta.</summary>
public sealed class PointMassGenerator : PlayerNetwork
{
    private readonly Parameter theta;

    /// <summary>A point in <paramref name="outputSize"/> dimensions.</summary>
    public PointMassGenerator(string name, int outputSize)
        : base(name)
    {
        theta = new Parameter(zeros(outputSize));
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => ForwardWith(input, [theta]);

    /// <inheritdoc />
    public override Tensor ForwardWith(Tensor input, IReadOnlyList<Tensor> parameters) =>
        parameters[0].unsqueeze(0).expand(input.shape[0], -1);

    /// <inheritdoc />
    public override void Initialize(Generator stream, double? initialValue) => FillOrDrawNormal(stream, initialValue);
}
