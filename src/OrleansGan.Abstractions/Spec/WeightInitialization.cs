namespace OrleansGan.Abstractions.Spec;

/// <summary>How an MLP player draws its initial weights (always from its own random stream).</summary>
public enum WeightInitialization
{
    /// <summary>The network's own: PyTorch's Linear default for mlp, N(0, 0.02) for dcgan (Radford et al. 2016).</summary>
    Network,

    /// <summary>PyTorch's Linear default: weights and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in)).</summary>
    Pytorch,

    /// <summary>Weights N(0, std^2), biases 0, normalisation scales 1 and shifts 0 (PacGAN's IsotropicGaussian(0.02) and Constant(0), Blocks' batch-norm defaults).</summary>
    Normal,

    /// <summary>
    /// Weights a random (semi-)orthogonal matrix times the gain, biases 0: TensorFlow's orthogonal_initializer (Saxe et
    /// al. 2014), the Unrolled GAN's (gain 0.8 in its paper, 1.4 in its notebook).
    /// </summary>
    Orthogonal,

    /// <summary>Weights U(-sqrt(6/(fan_in + fan_out)), +sqrt(6/(fan_in + fan_out))) (Glorot and Bengio 2010), biases 0: TensorFlow slim's and Keras' default, used by the Numerics of GANs' and VEEGAN's code.</summary>
    GlorotUniform,
}
