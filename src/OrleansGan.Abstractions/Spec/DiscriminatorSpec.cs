namespace OrleansGan.Abstractions.Spec;

/// <summary>The discriminator player: an MLP from a sample x to one logit, sigma^-1(D(x)).</summary>
[GenerateSerializer, Immutable]
public sealed record DiscriminatorSpec(
    [property: Id(0)] int InputSize,
    [property: Id(1)] int[] Hidden,
    [property: Id(2)] Activation Activation,
    [property: Id(3)] OptimizerSpec Optimizer,
    [property: Id(4)] string Device);
