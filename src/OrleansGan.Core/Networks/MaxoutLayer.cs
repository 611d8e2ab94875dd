using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// A maxout layer (Goodfellow et al. 2013): an affine map to units x pieces values, of which each unit keeps the
/// largest of its own k consecutive pieces, h_j = max_{i &lt; k} (x W^T + b)_{j k + i}. It is its own nonlinearity.
/// The grouping is Blocks' LinearMaxout's, which PacGAN's discriminator uses (reshape to [..., units, pieces], max
/// over the last axis).
/// </summary>
public sealed class MaxoutLayer : NetworkLayer
{
    private readonly int _inputs;
    private readonly int _units;
    private readonly int _pieces;

    /// <summary>A layer from <paramref name="inputs"/> features to <paramref name="units"/> units of <paramref name="pieces"/> pieces each.</summary>
    public MaxoutLayer(int inputs, int units, int pieces)
        : base(nameof(MaxoutLayer))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pieces, 1);
        (_inputs, _units, _pieces) = (inputs, units, pieces);
        AddParameter("weight", (long)units * pieces, inputs);
        AddParameter("bias", (long)units * pieces);
    }

    /// <inheritdoc />
    public override (Tensor Output, Tensor? Reference) Apply(Tensor input, Tensor? reference, ParameterCursor parameters)
    {
        var (weight, bias) = (parameters.Next(), parameters.Next());
        return (Run(input, weight, bias), reference is null ? null : Run(reference, weight, bias));
    }

    /// <inheritdoc />
    public override void Initialize(Generator stream, InitializationScheme scheme) =>
        InitializeAffine(stream, scheme, _inputs, (long)_units * _pieces, hasBias: true);

    private Tensor Run(Tensor x, Tensor weight, Tensor bias)
    {
        var pieces = nn.functional.linear(x, weight, bias);
        long[] grouped = [.. pieces.shape[..^1], _units, _pieces];
        return pieces.reshape(grouped).amax([-1]);
    }
}
