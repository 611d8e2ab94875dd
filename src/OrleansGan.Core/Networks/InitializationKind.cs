namespace OrleansGan.Core.Networks;

/// <summary>The families of initial weights a layered network can draw (always from the player's own stream).</summary>
public enum InitializationKind
{
    /// <summary>PyTorch's Linear default, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases; normalisation scale 1.</summary>
    PyTorchDefault,

    /// <summary>Radford et al. 2016, sec. 4: weights from N(0, 0.02), biases 0, normalisation scales from N(1, 0.02).</summary>
    Dcgan,

    /// <summary>Weights from N(0, std^2), biases 0, normalisation scales 1 and shifts 0 (PacGAN's Blocks initialisation).</summary>
    Normal,

    /// <summary>Weights a random (semi-)orthogonal matrix times the gain, biases 0 (TensorFlow's orthogonal_initializer).</summary>
    Orthogonal,

    /// <summary>Weights U(-sqrt(6/(fan_in + fan_out)), sqrt(6/(fan_in + fan_out))), biases 0 (TensorFlow's and Keras' default).</summary>
    GlorotUniform,
}
