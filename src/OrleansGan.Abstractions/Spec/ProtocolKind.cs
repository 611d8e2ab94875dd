namespace OrleansGan.Abstractions.Spec;

/// <summary>The order and form of the players' moves.</summary>
public enum ProtocolKind
{
    /// <summary>Both players update from the same pair of minibatches at the same parameters.</summary>
    Simultaneous,

    /// <summary>kD discriminator updates, then kG generator updates, each on fresh minibatches.</summary>
    Alternating,

    /// <summary>Simultaneous updates with each player's own learning rate, which must differ (Heusel et al. 2017).</summary>
    TwoTimeScale,

    /// <summary>Optimistic gradient descent: each player steps along 2 g_t - g_(t-1) (Daskalakis et al. 2018).</summary>
    Optimistic,

    /// <summary>Extrapolate both players, take gradients there, update from the original point (Korpelevich; Gidel et al. 2019).</summary>
    Extragradient,

    /// <summary>The generator's cost is taken against the discriminator after k of its own optimizer steps,
    /// differentiated through those steps (Metz et al. 2016).</summary>
    Unrolled,

    /// <summary>As <see cref="Unrolled"/>, but the unrolled discriminator is treated as a constant (no gradient through its steps).</summary>
    UnrolledStopGradient,

    /// <summary>Consensus optimization: each player follows its gradient plus gamma grad(1/2 |v|^2), v the joint
    /// gradient field (Mescheder et al. 2017).</summary>
    Consensus,
}
