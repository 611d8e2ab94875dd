using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Grains.Protocols;

/// <summary>The grain choreography of each protocol family (the names map to families in <see cref="ProtocolSpec.Build{T}"/>).</summary>
public sealed class Protocols : IProtocolBuilder<IProtocol>
{
    private static readonly Protocols Families = new();

    private Protocols()
    {
    }

    /// <summary>The protocol for <paramref name="spec"/>.</summary>
    public static IProtocol Create(ProtocolSpec spec) => spec.Build(Families);

    /// <inheritdoc />
    public IProtocol Simultaneous(UpdateRule rule) => new SimultaneousProtocol(rule);

    /// <inheritdoc />
    public IProtocol Alternating(int discriminatorSteps, int generatorSteps) => new AlternatingProtocol(discriminatorSteps, generatorSteps);

    /// <inheritdoc />
    public IProtocol Extragradient() => new ExtragradientProtocol();

    /// <inheritdoc />
    public IProtocol Unrolled(int steps, bool throughSteps) => new UnrolledProtocol(steps, throughSteps);

    /// <inheritdoc />
    public IProtocol Consensus(double weight) => new ConsensusProtocol(weight);
}
