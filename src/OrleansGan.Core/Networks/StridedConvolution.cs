using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// What DCGAN's two convolutions share (Radford et al. 2016, sec. 3): 4x4 kernels with stride 2 and padding 1, a
/// bias, weights drawn from N(0, 0.02). A subclass says which way the side of the feature map goes.
/// </summary>
public abstract class StridedConvolution : NetworkLayer
{
    private static readonly long[] Stride = [2, 2];
    private static readonly long[] Padding = [1, 1];

    /// <summary>A layer whose weight has the shape <paramref name="weightShape"/> followed by 4x4.</summary>
    protected StridedConvolution(string name, (int First, int Second) weightShape, int outputs)
        : base(name)
    {
        AddParameter("weight", weightShape.First, weightShape.Second, 4, 4);
        AddParameter("bias", outputs);
    }

    /// <summary>The torch convolution this layer applies.</summary>
    protected abstract Tensor Convolve(Tensor x, Tensor weight, Tensor bias, long[] stride, long[] padding);

    /// <inheritdoc />
    public override (Tensor Output, Tensor? Reference) Apply(Tensor input, Tensor? reference, ParameterCursor parameters)
    {
        var (weight, bias) = (parameters.Next(), parameters.Next());
        return (Convolve(input, weight, bias, Stride, Padding), reference is null ? null : Convolve(reference, weight, bias, Stride, Padding));
    }

    /// <inheritdoc />
    public override void Initialize(Generator stream, InitializationScheme scheme)
    {
        DrawNormal("weight", stream, 0, 0.02);
        FillParameter("bias", 0);
    }
}
