namespace OrleansGan.Abstractions.Spec;

/// <summary>The discriminator player: a network from a sample x to one logit, sigma^-1(D(x)).</summary>
/// <param name="Hidden">Hidden layer widths of an MLP; the two channel widths (14x14 then 7x7 maps) of a DCGAN discriminator.</param>
/// <param name="Activation">The nonlinearity of an MLP; a DCGAN discriminator uses Radford et al.'s LeakyReLU 0.2.</param>
/// <param name="InitialValue">When set, every parameter starts at this value instead of a random draw (scalar games).</param>
/// <param name="OutputScale">A constant the logit is multiplied by (-1 turns the bilinear game -xy into xy).</param>
/// <param name="WeightClip">
/// WGAN's weight clipping c (Arjovsky et al. 2017, Algorithm 1): after every optimizer step, each parameter is clamped
/// to [-c, c], which keeps the critic in a compact set and so K-Lipschitz for some K. Null is off.
/// </param>
/// <param name="Normalization">How hidden features are normalised; null is the network's own choice (batch for DCGAN, none otherwise).</param>
/// <param name="MinibatchFeatures">Minibatch discrimination (Salimans et al. 2016, sec. 3.2); null or 0 kernels is off.</param>
/// <param name="Pack">
/// PacGAN (Lin et al. 2018): the discriminator judges m samples at once, all real or all fake, concatenated as one
/// input (as channels for DCGAN); 1 is off. The gradient message stays per sample.
/// </param>
/// <param name="Margin">
/// The energy-based loss's margin m (Zhao et al. 2016, eq. 1): fakes whose energy is above m no longer push the
/// discriminator. Required (positive) with the energy-based loss, absent otherwise.
/// </param>
/// <param name="Initialization">How an MLP draws its initial weights; null is the network's own.</param>
/// <param name="HiddenBias">Whether an MLP's hidden layers have biases (the output layer always has one).</param>
/// <param name="MaxoutPieces">
/// k &gt; 1 makes every hidden layer of an MLP a maxout layer (Goodfellow et al. 2013): a dense layer to width x k
/// outputs, of which each unit takes the largest of its k consecutive pieces (PacGAN: 3 layers of 200 units x 5 pieces,
/// Blocks' LinearMaxout); the activation is then not applied. 1 is off.
/// </param>
/// <param name="InputScale">
/// A fixed factor every input is multiplied by before the first layer (the Unrolled GAN paper's discriminator divides
/// its input by 4: 0.25); 1 is off. The gradient message is taken with respect to the unscaled sample.
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
    [property: Id(8)] double? WeightClip = null,
    [property: Id(9)] Normalization? Normalization = null,
    [property: Id(10)] MinibatchFeaturesSpec? MinibatchFeatures = null,
    [property: Id(11)] int Pack = 1,
    [property: Id(12)] double? Margin = null,
    [property: Id(13)] InitializationSpec? Initialization = null,
    [property: Id(14)] bool HiddenBias = true,
    [property: Id(15)] int MaxoutPieces = 1,
    [property: Id(16)] double InputScale = 1);
