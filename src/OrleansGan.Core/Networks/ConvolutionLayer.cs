using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// A 4x4 convolution with stride 2 and padding 1, which halves the side of a feature map (28 to 14 to 7): the
/// strided convolution DCGAN uses in place of pooling (Radford et al. 2016, sec. 3).
/// </summary>
public sealed class ConvolutionLayer : NetworkLayer
{
    private static readonly long[] Stride = [2, 2];
    private static readonly long[] Padding = [1, 1];

    /// <summary>A layer from <paramref name="inputs"/> to <paramref name="outputs"/> channels.</summary>
    public ConvolutionLayer(int inputs, int outputs)
        : base(nameof(ConvolutionLayer))
    {
        AddParameter("weight", outputs, inputs, 4, 4);
        AddParameter("bias", outputs);
    }

    /// <inheritdoc />
    public override (Tensor Output, Tensor? Reference) Apply(Tensor input, Tensor? reference, ParameterCursor parameters)
    {
        var (weight, bias) = (parameters.Next(), parameters.Next());
        Tensor Run(Tensor x) => nn.functional.conv2d(x, weight, bias, strides: Stride, padding: Padding);
        return (Run(input), reference is null ? null : Run(reference));
    }

    /// <inheritdoc />
    public override void Initialize(Generator stream, InitializationScheme scheme)
    {
        DrawNormal("weight", stream, 0, 0.02);
        FillParameter("bias", 0);
    }
}
