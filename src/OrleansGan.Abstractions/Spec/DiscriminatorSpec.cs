namespace OrleansGan.Abstractions.Spec;

/// <summary>The discriminator player: a network from a sample x to one logit, sigma^-1(D(x)).</summary>
/// <param name="InitialValue">When set, every parameter starts at this value instead of a random draw (scalar games).</param>
/// <param name="OutputScale">A constant the logit is multiplied by (-1 turns the bilinear game -xy into xy).</param>
/// <param name="Margin">
/// The energy-based loss's margin m (Zhao et al. 2016, eq. 1): fakes whose energy is above m no longer push the
/// discriminator. Required (positive) with the energy-based loss, absent otherwise.
/// </param>
[GenerateSerializer, Immutable]
public sealed record DiscriminatorSpec(
    [property: Id(0)] int InputSize,
    [property: Id(1)] int[] Hidden,
    [property: Id(2)] Activation Activation,
    [property: Id(3)] OptimizerSpec Optimizer,
    [property: Id(4)] string Device,
    [property: Id(5)] DiscriminatorNetwork Network,
    [property: Id(6)] double? InitialValue,
    [property: Id(7)] double OutputScale,
    [property: Id(9)] double? Margin = null);
