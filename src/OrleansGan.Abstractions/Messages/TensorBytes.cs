namespace OrleansGan.Abstractions.Messages;

/// <summary>
/// A tensor as it crosses a grain boundary: row-major values as little-endian bytes plus a shape, float32 unless
/// <see cref="Precision"/> says otherwise (only the diagnostics send float64).
/// Bytes travel as one length-prefixed block; a float[] would be written element by element.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TensorBytes(
    [property: Id(0)] byte[] Data,
    [property: Id(1)] int[] Shape,
    [property: Id(2)] TensorPrecision Precision = TensorPrecision.Float32)
{
    /// <summary>Number of elements the shape describes.</summary>
    public long ElementCount => Shape.Aggregate(1L, (n, d) => n * d);

    /// <summary>Bytes per element.</summary>
    public int ElementSize => Precision == TensorPrecision.Float64 ? sizeof(double) : sizeof(float);
}
