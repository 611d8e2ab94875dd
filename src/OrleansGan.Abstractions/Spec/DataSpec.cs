namespace OrleansGan.Abstractions.Spec;

/// <summary>The real data the discriminator samples from.</summary>
/// <param name="Kind">Which distribution.</param>
/// <param name="Path">
/// For <see cref="DataKind.Mnist"/>: a folder holding the MNIST IDX files (train-images-idx3-ubyte and
/// train-labels-idx1-ubyte, or t10k-*, optionally .gz); null to use the digits the project downloads itself.
/// </param>
[GenerateSerializer, Immutable]
public sealed record DataSpec(
    [property: Id(0)] DataKind Kind,
    [property: Id(1)] string? Path = null);
