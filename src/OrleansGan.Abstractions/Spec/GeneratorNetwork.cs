namespace OrleansGan.Abstractions.Spec;

/// <summary>What the generator's network is.</summary>
public enum GeneratorNetwork
{
    /// <summary>A multilayer perceptron from z to x.</summary>
    Mlp,

    /// <summary>A point mass: x = theta for every z, theta of the output size (the Dirac-GAN's generator).</summary>
    PointMass,

    /// <summary>
    /// The DCGAN generator for 28x28 images (Radford et al. 2016): z, a linear layer to 7x7 maps, two stride-2
    /// transposed convolutions to 14x14 and 28x28, ReLU between and tanh at the output; samples are flat [batch, 784].
    /// </summary>
    Dcgan,
}
