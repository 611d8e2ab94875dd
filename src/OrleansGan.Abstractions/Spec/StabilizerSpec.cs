namespace OrleansGan.Abstractions.Spec;

/// <summary>The tutorial's stabilizers, each switchable (section 4 of Goodfellow's tutorial).</summary>
/// <param name="RealLabel">
/// One-sided label smoothing: the target of real samples in the discriminator's cross-entropy (1 is off, 0.9 is the
/// tutorial's advice); the target of fake samples stays exactly 0. Cross-entropy losses only.
/// </param>
/// <param name="ClassLabels">
/// How the players use the samples' classes: not at all, a class-conditional pair G(z, y) and D(x, y)
/// (Mirza and Osindero 2014), or an (n+1)-class discriminator (Salimans et al. 2016, section 5).
/// </param>
/// <param name="GradientPenalty">
/// WGAN-GP's lambda (Gulrajani et al. 2017, eq. 3): J_D gains lambda E[(|grad_xhat D(xhat)|_2 - 1)^2] at random
/// interpolates xhat of real and fake samples, D the raw output; 0 is off, 10 is the paper's choice.
/// </param>
/// <param name="R1">
/// R1's gamma (Mescheder et al. 2018, eq. 9): J_D gains gamma/2 E_real |grad_x D(x)|^2, D the raw output; 0 is off.
/// </param>
/// <param name="InstanceNoise">Gaussian noise on every input of the discriminator while it trains and judges; null or a zero std is off.</param>
/// <param name="PullAway">
/// EBGAN-PT's pulling-away term (Zhao et al. 2016, eq. 6): this weight times the mean squared cosine similarity between
/// the autoencoder's codes of distinct fake samples is added to J_G, pushing the generator's samples apart (0 is off;
/// the paper uses 0.1). Energy-based loss only.
/// </param>
[GenerateSerializer, Immutable]
public sealed record StabilizerSpec(
    [property: Id(0)] double RealLabel,
    [property: Id(1)] double GradientPenalty = 0,
    [property: Id(2)] double R1 = 0,
    [property: Id(4)] ClassLabels ClassLabels = ClassLabels.None,
    [property: Id(3)] InstanceNoiseSpec? InstanceNoise = null,
    [property: Id(5)] double PullAway = 0);
