using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// Reshapes each minibatch, e.g. flat [B, 784] images to [B, 1, 28, 28] maps. The leading dimension is left to
/// follow (-1), which is how PacGAN packs are formed: [B, d] read as [B/m, m*d] puts m consecutive samples in one row.
/// </summary>
public sealed class ReshapeLayer : NetworkLayer
{
    private readonly long[] _shape;

    /// <summary>Reshapes to [-1, <paramref name="shape"/>...].</summary>
    public ReshapeLayer(params long[] shape)
        : base(nameof(ReshapeLayer))
    {
        _shape = [-1, .. shape];
    }

    /// <inheritdoc />
    public override (Tensor Output, Tensor? Reference) Apply(Tensor input, Tensor? reference, ParameterCursor parameters) =>
        (input.reshape(_shape), reference?.reshape(_shape));
}
