namespace OrleansGan.Abstractions.Spec;

/// <summary>What the generator's network is.</summary>
public enum GeneratorNetwork
{
    /// <summary>A multilayer perceptron from z to x.</summary>
    Mlp,

    /// <summary>A point mass: x = theta for every z, theta of the output size (the Dirac-GAN's generator).</summary>
    PointMass,
}
