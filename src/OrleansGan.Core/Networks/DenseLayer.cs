using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>A fully connected layer, y = x W^T + b, with PyTorch's parameter names and shapes.</summary>
public sealed class DenseLayer : NetworkLayer
{
    private readonly int _inputs;

    /// <summary>A layer from <paramref name="inputs"/> to <paramref name="outputs"/> features.</summary>
    public DenseLayer(int inputs, int outputs)
        : base(nameof(DenseLayer))
    {
        _inputs = inputs;
        AddParameter("weight", outputs, inputs);
        AddParameter("bias", outputs);
    }

    /// <inheritdoc />
    public override (Tensor Output, Tensor? Reference) Apply(Tensor input, Tensor? reference, ParameterCursor parameters)
    {
        var (weight, bias) = (parameters.Next(), parameters.Next());
        return (nn.functional.linear(input, weight, bias), reference is null ? null : nn.functional.linear(reference, weight, bias));
    }

    /// <inheritdoc />
    public override void Initialize(Generator stream, InitializationScheme scheme)
    {
        if (scheme == InitializationScheme.Dcgan)
        {
            DrawNormal("weight", stream, 0, 0.02);
            FillParameter("bias", 0);
            return;
        }

        var bound = 1.0 / Math.Sqrt(_inputs);
        DrawUniform("weight", stream, bound);
        DrawUniform("bias", stream, bound);
    }
}
