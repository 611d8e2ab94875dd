namespace OrleansGan.Abstractions.Messages;

/// <summary>
/// A tensor as it crosses a grain boundary: row-major float32 values as little-endian bytes plus a shape.
/// Bytes travel as one length-prefixed block; a float[] would be written element by element.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TensorBytes(
    [property: Id(0)] byte[] Data,
    [property: Id(1)] int[] Shape)
{
    /// <summary>Number of elements the shape describes.</summary>
    public long ElementCount => Shape.Aggregate(1L, (n, d) => n * d);
}
