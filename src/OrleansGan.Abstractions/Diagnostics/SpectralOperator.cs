namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>The linear operators of the game whose spectra say what kind of point the players are at.</summary>
public enum SpectralOperator
{
    /// <summary>J = dv/d(theta, psi), the Jacobian of the joint gradient field v = (grad_theta J_G, grad_psi J_D); not symmetric.</summary>
    GameJacobian,

    /// <summary>H_G = d^2 J_G / d theta^2, the generator's Hessian of its own cost.</summary>
    GeneratorHessian,

    /// <summary>H_D = d^2 J_D / d psi^2, the discriminator's Hessian of its own cost.</summary>
    DiscriminatorHessian,

    /// <summary>
    /// S = H_G + B H_D^-1 B^T, B = d(grad_theta J_G)/d psi: for a zero-sum game with value V = -J_D the Schur complement
    /// H_xx - H_xy H_yy^-1 H_yx of Jin, Netrapalli and Jordan (2019), whose positivity (with H_D's) makes a strict local minimax.
    /// </summary>
    SchurComplement,
}
