namespace OrleansGan.Abstractions.Spec;

/// <summary>The generator player: an MLP from latent noise z to a sample x.</summary>
[GenerateSerializer, Immutable]
public sealed record GeneratorSpec(
    [property: Id(0)] int LatentSize,
    [property: Id(1)] int[] Hidden,
    [property: Id(2)] int OutputSize,
    [property: Id(3)] Activation Activation,
    [property: Id(4)] OptimizerSpec Optimizer,
    [property: Id(5)] string Device);
