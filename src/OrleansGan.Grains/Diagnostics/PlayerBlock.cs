namespace OrleansGan.Grains.Diagnostics;

/// <summary>Which players' parameters a space of vectors spans.</summary>
internal enum PlayerBlock
{
    /// <summary>(theta, psi): the game Jacobian.</summary>
    Joint,

    /// <summary>theta alone: H_G and the Schur complement.</summary>
    Generator,

    /// <summary>psi alone: H_D.</summary>
    Discriminator,
}
