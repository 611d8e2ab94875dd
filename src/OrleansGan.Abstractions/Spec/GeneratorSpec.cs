namespace OrleansGan.Abstractions.Spec;

/// <summary>The generator player: a network from latent noise z to a sample x.</summary>
/// <param name="InitialValue">When set, every parameter starts at this value instead of a random draw (scalar games).</param>
[GenerateSerializer, Immutable]
public sealed record GeneratorSpec(
    [property: Id(0)] int LatentSize,
    [property: Id(1)] int[] Hidden,
    [property: Id(2)] int OutputSize,
    [property: Id(3)] Activation Activation,
    [property: Id(4)] OptimizerSpec Optimizer,
    [property: Id(5)] string Device,
    [property: Id(6)] GeneratorNetwork Network,
    [property: Id(7)] double? InitialValue);
