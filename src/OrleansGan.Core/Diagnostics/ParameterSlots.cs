using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Tensors;
using static TorchSharp.torch;

namespace OrleansGan.Core.Diagnostics;

/// <summary>
/// A player's block of the Krylov vectors: <see cref="Capacity"/> vectors the size of its parameters, float64, on its
/// device, flattened in parameter order. Only inner products and small coefficient matrices leave the player; the
/// vectors themselves never do (see <see cref="Spectra.IKrylovSpace"/>).
/// </summary>
public sealed class ParameterSlots : IDisposable
{
    private readonly Tensor _slots;
    private readonly long[][] _shapes;
    private readonly long[] _sizes;

    /// <summary>Room for <paramref name="capacity"/> vectors shaped like <paramref name="parameters"/>.</summary>
    public ParameterSlots(IReadOnlyList<Tensor> parameters, int capacity, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _shapes = parameters.Select(p => p.shape).ToArray();
        _sizes = parameters.Select(p => p.numel()).ToArray();
        Count = _sizes.Sum();
        _slots = zeros([capacity, Count], ScalarType.Float64, device).DetachFromDisposeScope();
        Capacity = capacity;
    }

    /// <summary>Entries per vector: the player's parameter count.</summary>
    public long Count { get; }

    /// <summary>Vectors held.</summary>
    public int Capacity { get; }

    /// <summary>N(0, 1) entries from <paramref name="seed"/>, drawn on the host so every device sees the same numbers.</summary>
    public void Randomize(int slot, ulong seed)
    {
        Check(slot);
        using var scope = NewDisposeScope();
        using var stream = new Generator(seed);
        _slots[slot].copy_(randn([Count], ScalarType.Float64, generator: stream));
    }

    /// <summary>e_<paramref name="index"/> in this block, or zero when <paramref name="index"/> is outside it (negative or too large).</summary>
    public void Unit(int slot, long index)
    {
        Check(slot);
        using var scope = NewDisposeScope();
        _slots[slot].zero_();
        if (index >= 0 && index < Count)
        {
            _slots[slot][index] = 1.0;
        }
    }

    /// <summary>&lt;slot[rows[i]], slot[columns[j]]&gt;, row-major.</summary>
    public double[] Gram(IReadOnlyList<int> rows, IReadOnlyList<int> columns)
    {
        Check(rows);
        Check(columns);
        using var scope = NewDisposeScope();
        var left = _slots.index_select(0, Indices(rows));
        var right = _slots.index_select(0, Indices(columns));
        return left.matmul(right.t()).cpu().data<double>().ToArray();
    }

    /// <summary>slot[targets[j]] = sum_i coefficients[i, j] slot[sources[i]], all targets from the old vectors.</summary>
    public void Combine(IReadOnlyList<int> sources, IReadOnlyList<double> coefficients, IReadOnlyList<int> targets)
    {
        Check(sources);
        Check(targets);
        if (coefficients.Count != sources.Count * targets.Count)
        {
            throw new ArgumentException($"{coefficients.Count} coefficients do not make a {sources.Count} x {targets.Count} matrix", nameof(coefficients));
        }

        if (targets.Distinct().Count() != targets.Count)
        {
            throw new ArgumentException("a combination writes each target slot once", nameof(targets));
        }

        if (coefficients.Any(c => !double.IsFinite(c)))
        {
            throw new ArgumentException("a combination's coefficients must be finite", nameof(coefficients));
        }

        using var scope = NewDisposeScope();
        var c = tensor(coefficients.ToArray(), [sources.Count, targets.Count], ScalarType.Float64).to(_slots.device);
        var result = c.t().matmul(_slots.index_select(0, Indices(sources)));
        _slots.index_copy_(0, Indices(targets), result);
    }

    /// <summary>The vector as a float64 message.</summary>
    public TensorBytes Read(int slot)
    {
        Check(slot);
        using var scope = NewDisposeScope();
        return TensorCodec.ToMessage(_slots[slot]);
    }

    /// <summary>The vector split into tensors shaped like the parameters, in <paramref name="dtype"/> (fresh tensors).</summary>
    public IReadOnlyList<Tensor> Get(int slot, ScalarType dtype)
    {
        Check(slot);
        var row = _slots[slot];
        var parts = new List<Tensor>(_shapes.Length);
        long offset = 0;
        for (var i = 0; i < _shapes.Length; i++)
        {
            parts.Add(row.narrow(0, offset, _sizes[i]).view(_shapes[i]).to(dtype));
            offset += _sizes[i];
        }

        return parts;
    }

    /// <summary>Writes <paramref name="values"/> (shaped like the parameters) into the slot.</summary>
    public void Set(int slot, IReadOnlyList<Tensor> values)
    {
        Check(slot);
        if (values.Count != _shapes.Length)
        {
            throw new ArgumentException($"{values.Count} tensors for {_shapes.Length} parameters", nameof(values));
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _slots[slot].copy_(cat(values.Select(v => v.detach().flatten().to(ScalarType.Float64)).ToList(), 0));
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private Tensor Indices(IReadOnlyList<int> slots) => tensor(slots.Select(s => (long)s).ToArray(), ScalarType.Int64).to(_slots.device);

    private void Check(IReadOnlyList<int> slots)
    {
        foreach (var slot in slots)
        {
            Check(slot);
        }
    }

    private void Check(int slot)
    {
        if (slot < 0 || slot >= Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"the probe holds slots 0..{Capacity - 1}");
        }
    }
}
