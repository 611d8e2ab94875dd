using OrleansGan.Abstractions.Players;

namespace OrleansGan.Abstractions.Spec;

/// <summary>
/// Builds one thing per protocol family: the grain choreography (OrleansGan.Grains) and the joint reference step
/// (OrleansGan.Core) each implement it, and <see cref="ProtocolSpec.Build{T}"/> is the one place that maps a protocol
/// name to its family. A new protocol is a new method here, which neither side can forget.
/// </summary>
/// <typeparam name="T">What is built: a protocol over player grains, a reference round, ...</typeparam>
public interface IProtocolBuilder<out T>
{
    /// <summary>Both players move from the same minibatches at the same parameters (simultaneous, two-time-scale; optimistic with <see cref="UpdateRule.Optimistic"/>).</summary>
    T Simultaneous(UpdateRule rule);

    /// <summary>k_D discriminator steps, then k_G generator steps, each on fresh minibatches.</summary>
    T Alternating(int discriminatorSteps, int generatorSteps);

    /// <summary>Extrapolate both players, take gradients there, step from the anchor.</summary>
    T Extragradient();

    /// <summary>The generator's gradient is taken against the discriminator after <paramref name="steps"/> of its own optimizer steps.</summary>
    T Unrolled(int steps, bool throughSteps);

    /// <summary>Each player follows its gradient plus <paramref name="weight"/> grad(1/2 |v|^2).</summary>
    T Consensus(double weight);
}
