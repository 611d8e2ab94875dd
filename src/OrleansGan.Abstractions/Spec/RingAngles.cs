namespace OrleansGan.Abstractions.Spec;

/// <summary>Where the modes of a ring lie on its circle.</summary>
public enum RingAngles
{
    /// <summary>Evenly, at 2 pi k / n for k = 0..n-1: n distinct modes (the Unrolled GAN paper, VEEGAN, PacGAN, Numerics of GANs).</summary>
    Even,

    /// <summary>
    /// At numpy.linspace(0, 2 pi, n), that is 2 pi k / (n - 1) for k = 0..n-1, as the Unrolled GAN notebook
    /// (poolio/unrolled_gan) draws them: the first and last means coincide, so the mixture has n components but only
    /// n - 1 distinct modes, the one at angle 0 with twice the weight, and at most n - 1 modes can ever be covered.
    /// </summary>
    Linspace,
}
