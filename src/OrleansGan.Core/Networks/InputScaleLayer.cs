using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// Multiplies every input by a fixed factor and has no parameters: the Unrolled GAN paper's discriminator "first
/// scales its input down by a factor of 4" (Metz et al. 2017, App. A) so that data of radius 2 reaches it in [-1, 1].
/// </summary>
public sealed class InputScaleLayer : NetworkLayer
{
    private readonly double _factor;

    /// <summary>Multiplies by <paramref name="factor"/>.</summary>
    public InputScaleLayer(double factor)
        : base(nameof(InputScaleLayer))
    {
        _factor = double.IsFinite(factor) && factor != 0
            ? factor
            : throw new ArgumentOutOfRangeException(nameof(factor), factor, "an input scale must be a non-zero number");
    }

    /// <inheritdoc />
    public override (Tensor Output, Tensor? Reference) Apply(Tensor input, Tensor? reference, ParameterCursor parameters) =>
        (input * _factor, reference is null ? null : reference * _factor);
}
