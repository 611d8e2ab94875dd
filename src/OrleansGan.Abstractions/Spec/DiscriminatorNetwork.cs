namespace OrleansGan.Abstractions.Spec;

/// <summary>What the discriminator's network is.</summary>
public enum DiscriminatorNetwork
{
    /// <summary>A multilayer perceptron from x to one logit.</summary>
    Mlp,

    /// <summary>A linear logit psi . x with no bias (the Dirac-GAN's discriminator).</summary>
    Linear,

    /// <summary>
    /// The DCGAN discriminator for 28x28 images (Radford et al. 2016): two stride-2 convolutions with LeakyReLU 0.2
    /// (no normalisation on the first), then a linear layer to one logit; samples arrive flat [batch, 784].
    /// </summary>
    Dcgan,

    /// <summary>
    /// EBGAN's autoencoder (Zhao et al. 2016, section 2.3): an encoder through the hidden widths to a code (the last
    /// width) and a mirrored decoder back to the sample; its output is the energy D(x) = mean_j (Dec(Enc(x))_j - x_j)^2,
    /// the per-sample mean squared reconstruction error, not a logit.
    /// </summary>
    Autoencoder,
}
