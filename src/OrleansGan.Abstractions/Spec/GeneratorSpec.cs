namespace OrleansGan.Abstractions.Spec;

/// <summary>The generator player: a network from latent noise z to a sample x.</summary>
/// <param name="Hidden">Hidden layer widths of an MLP; the two channel widths (7x7 then 14x14 maps) of a DCGAN generator.</param>
/// <param name="Activation">The nonlinearity of an MLP; a DCGAN generator uses Radford et al.'s ReLU.</param>
/// <param name="InitialValue">When set, every parameter starts at this value instead of a random draw (scalar games).</param>
/// <param name="Normalization">How hidden features are normalised; null is the network's own choice (batch for DCGAN, none otherwise).</param>
/// <param name="Initialization">How an MLP draws its initial weights; null is the network's own.</param>
/// <param name="HiddenBias">
/// Whether an MLP's hidden layers have biases; false drops them (the output layer keeps its bias), as PacGAN's generator
/// does before each batch normalisation, whose shift takes the bias's place.
/// </param>
[GenerateSerializer, Immutable]
public sealed record GeneratorSpec(
    [property: Id(0)] int LatentSize,
    [property: Id(1)] int[] Hidden,
    [property: Id(2)] int OutputSize,
    [property: Id(3)] Activation Activation,
    [property: Id(4)] OptimizerSpec Optimizer,
    [property: Id(5)] string Device,
    [property: Id(6)] GeneratorNetwork Network,
    [property: Id(7)] double? InitialValue,
    [property: Id(8)] Normalization? Normalization = null,
    [property: Id(9)] InitializationSpec? Initialization = null,
    [property: Id(10)] bool HiddenBias = true);
