using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Core.Diagnostics;
using OrleansGan.Core.Networks;

namespace OrleansGan.Core.Players;

/// <summary>A player the equilibrium diagnostics can probe: a copy of its point, another round's weights, a perturbed start.</summary>
/// <typeparam name="TProbe">The probe of this player.</typeparam>
public interface IProbeablePlayer<out TProbe> : IPlayer
    where TProbe : IPlayerProbe
{
    /// <summary>The diagnostics' view of the point this player holds: a copy of its network in the setup's precision.</summary>
    TProbe OpenProbe(ProbeSetup setup);

    /// <summary>A network of this player's architecture holding the weights of <paramref name="state"/> (another round's); the caller disposes it.</summary>
    /// <exception cref="InvalidDataException">The state is not this player's, or of another shape.</exception>
    PlayerNetwork NetworkOf(byte[] state);

    /// <summary>
    /// Takes the weights of <paramref name="state"/> plus N(0, <paramref name="perturbation"/>^2) noise drawn from
    /// <paramref name="seed"/>, keeping this player's own optimizer and stream.
    /// </summary>
    void RestoreWeights(byte[] state, double perturbation, ulong seed);
}
