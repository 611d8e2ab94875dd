namespace OrleansGan.Abstractions.Spec;

/// <summary>What the discriminator's network is.</summary>
public enum DiscriminatorNetwork
{
    /// <summary>A multilayer perceptron from x to one logit.</summary>
    Mlp,

    /// <summary>A linear logit psi . x with no bias (the Dirac-GAN's discriminator).</summary>
    Linear,
}
