using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// A 4x4 transposed convolution with stride 2 and padding 1, which doubles the side of a feature map (7 to 14 to 28):
/// the DCGAN generator's learned upsampling (Radford et al. 2016, sec. 3).
/// </summary>
public sealed class TransposedConvolutionLayer : NetworkLayer
{
    private static readonly long[] Stride = [2, 2];
    private static readonly long[] Padding = [1, 1];

    /// <summary>A layer from <paramref name="inputs"/> to <paramref name="outputs"/> channels.</summary>
    public TransposedConvolutionLayer(int inputs, int outputs)
        : base(nameof(TransposedConvolutionLayer))
    {
        AddParameter("weight", inputs, outputs, 4, 4);
        AddParameter("bias", outputs);
    }

    /// <inheritdoc />
    public override (Tensor Output, Tensor? Reference) Apply(Tensor input, Tensor? reference, ParameterCursor parameters)
    {
        var (weight, bias) = (parameters.Next(), parameters.Next());
        Tensor Run(Tensor x) => nn.functional.conv_transpose2d(x, weight, bias, strides: Stride, padding: Padding);
        return (Run(input), reference is null ? null : Run(reference));
    }

    /// <inheritdoc />
    public override void Initialize(Generator stream, InitializationScheme scheme)
    {
        DrawNormal("weight", stream, 0, 0.02);
        FillParameter("bias", 0);
    }
}
