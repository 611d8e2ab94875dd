using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>A fully connected layer, y = x W^T + b (or x W^T without a bias), with PyTorch's parameter names and shapes.</summary>
public sealed class DenseLayer : NetworkLayer
{
    private readonly int _inputs;
    private readonly int _outputs;
    private readonly bool _bias;

    /// <summary>A layer from <paramref name="inputs"/> to <paramref name="outputs"/> features, with a bias unless <paramref name="bias"/> is false.</summary>
    public DenseLayer(int inputs, int outputs, bool bias = true)
        : base(nameof(DenseLayer))
    {
        (_inputs, _outputs, _bias) = (inputs, outputs, bias);
        AddParameter("weight", outputs, inputs);
        if (bias)
        {
            AddParameter("bias", outputs);
        }
    }

    /// <inheritdoc />
    public override (Tensor Output, Tensor? Reference) Apply(Tensor input, Tensor? reference, ParameterCursor parameters)
    {
        var weight = parameters.Next();
        var bias = _bias ? parameters.Next() : null;
        return (nn.functional.linear(input, weight, bias), reference is null ? null : nn.functional.linear(reference, weight, bias));
    }

    /// <inheritdoc />
    public override void Initialize(Generator stream, InitializationScheme scheme) =>
        InitializeAffine(stream, scheme, _inputs, _outputs, _bias);
}
