using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// A strided convolution, which halves the side of a feature map (28 to 14 to 7): what DCGAN's discriminator uses in
/// place of pooling.
/// </summary>
public sealed class ConvolutionLayer(int inputs, int outputs)
    : StridedConvolution(nameof(ConvolutionLayer), (outputs, inputs), outputs)
{
    /// <inheritdoc />
    protected override Tensor Convolve(Tensor x, Tensor weight, Tensor bias, long[] stride, long[] padding) =>
        nn.functional.conv2d(x, weight, bias, strides: stride, padding: padding);
}
