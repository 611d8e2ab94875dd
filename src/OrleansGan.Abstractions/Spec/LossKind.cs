namespace OrleansGan.Abstractions.Spec;

/// <summary>Which pair of costs (J_D, J_G) defines the game; names follow Goodfellow's tutorial, section 3.2.</summary>
public enum LossKind
{
    /// <summary>Zero-sum: J_G = -J_D.</summary>
    Minimax,

    /// <summary>J_G = -1/2 E log D(G(z)): the heuristic that keeps the generator's gradient alive.</summary>
    NonSaturating,

    /// <summary>J_G = -1/2 E exp(sigma^-1(D(G(z)))): maximum likelihood when D is optimal.</summary>
    MaximumLikelihood,

    /// <summary>Linear costs of a critic, J_D = E D(G(z)) - E D(x), J_G = -E D(G(z)) (WGAN without its weight constraint);
    /// with a linear critic and a point-mass generator this is the bilinear game. The constraint is a separate choice:
    /// discriminator.weightClip (WGAN) or stabilizers.gradientPenalty (WGAN-GP).</summary>
    Wasserstein,

    /// <summary>Least squares (LSGAN): J_D = 1/2 E (D(x) - 1)^2 + 1/2 E D(G(z))^2, J_G = 1/2 E (D(G(z)) - 1)^2.</summary>
    LeastSquares,

    /// <summary>Hinge: J_D = E max(0, 1 - D(x)) + E max(0, 1 + D(G(z))), J_G = -E D(G(z)).</summary>
    Hinge,

    /// <summary>Energy-based (EBGAN, Zhao et al. 2016, eq. 1-2): with D an energy (the autoencoder's reconstruction
    /// error) and margin m, J_D = E D(x) + E max(0, m - D(G(z))), J_G = E D(G(z)).</summary>
    EnergyBased,
}
