using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// A player network as a sequence of <see cref="NetworkLayer"/>s. The ordinary forward pass and the pass with given
/// parameters are one code path (the former hands the module's own parameters to the latter), so an unrolled
/// look-ahead evaluates exactly the network that is trained. A virtual-batch reference batch, when the network
/// normalises that way, is a persistent buffer: it is saved and restored with the network's weights in checkpoints.
/// </summary>
public abstract class LayeredNetwork : PlayerNetwork
{
    private const string ReferenceBuffer = "reference";
    private readonly nn.Module _layers;
    private readonly NetworkLayer[] _sequence;
    private readonly double _outputScale;
    private readonly InitializationScheme _scheme;

    /// <summary>Registers <paramref name="layers"/> in order, as "layers.0", "layers.1", ...</summary>
    protected LayeredNetwork(string name, IEnumerable<NetworkLayer> layers, double outputScale, InitializationScheme scheme)
        : base(name)
    {
        _sequence = layers.ToArray();
        _layers = nn.ModuleList(_sequence);
        register_module("layers", _layers);
        _outputScale = outputScale;
        _scheme = scheme;
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<NetworkLayer> Layers => _sequence;

    /// <inheritdoc />
    public override bool UsesReferenceBatch =>
        _sequence.OfType<FeatureNormalization>().Any(n => n.Mode == Abstractions.Spec.Normalization.VirtualBatch);

    /// <summary>The reference batch, or null when none is set.</summary>
    public Tensor? ReferenceBatch => named_buffers(recurse: false).Where(b => b.name == ReferenceBuffer).Select(b => b.buffer).FirstOrDefault();

    /// <inheritdoc />
    public override void SetReferenceBatch(Tensor batch)
    {
        if (!UsesReferenceBatch)
        {
            base.SetReferenceBatch(batch);
        }

        if (ReferenceBatch is not null)
        {
            throw new InvalidOperationException($"{GetName()}'s reference batch is fixed once, at the start of the game");
        }

        register_buffer(ReferenceBuffer, batch.detach().clone());
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => ForwardWith(input, parameters().Cast<Tensor>().ToList());

    /// <inheritdoc />
    public override Tensor ForwardWith(Tensor input, IReadOnlyList<Tensor> parameters)
    {
        var reference = UsesReferenceBatch
            ? ReferenceBatch ?? throw new InvalidOperationException($"{GetName()} uses virtual batch normalisation but has no reference batch yet")
            : null;
        var cursor = new ParameterCursor(parameters);
        var x = input;
        foreach (var layer in _sequence)
        {
            (x, reference) = layer.Apply(x, reference, cursor);
        }

        cursor.CheckAllUsed();
        return _outputScale == 1 ? x : x * _outputScale;
    }

    /// <inheritdoc />
    public override void Initialize(Generator stream, double? initialValue)
    {
        if (initialValue is { } value)
        {
            Fill(value);
            return;
        }

        foreach (var layer in _sequence)
        {
            layer.Initialize(stream, _scheme);
        }
    }
}
