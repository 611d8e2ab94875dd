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
}
