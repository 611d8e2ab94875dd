using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// A strided transposed convolution, which doubles the side of a feature map (7 to 14 to 28): the DCGAN generator's
/// learned upsampling.
/// </summary>
public sealed class TransposedConvolutionLayer(int inputs, int outputs)
    : StridedConvolution(nameof(TransposedConvolutionLayer), (inputs, outputs), outputs)
{
    /// <inheritdoc />
    protected override Tensor Convolve(Tensor x, Tensor weight, Tensor bias, long[] stride, long[] padding) =>
        nn.functional.conv_transpose2d(x, weight, bias, strides: stride, padding: padding);
}
