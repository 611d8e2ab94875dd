namespace OrleansGan.Abstractions.Spec;

/// <summary>The order in which the players move.</summary>
public enum ProtocolKind
{
    /// <summary>Both players update from the same pair of minibatches at the same parameters.</summary>
    Simultaneous,

    /// <summary>kD discriminator updates, then kG generator updates, each on fresh minibatches.</summary>
    Alternating,
}
