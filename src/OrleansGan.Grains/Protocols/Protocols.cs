using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Grains.Protocols;

/// <summary>Builds the protocol a spec names.</summary>
public static class Protocols
{
    /// <summary>The protocol for <paramref name="spec"/>.</summary>
    public static IProtocol Create(ProtocolSpec spec) => spec.Kind switch
    {
        ProtocolKind.Simultaneous or ProtocolKind.TwoTimeScale => new SimultaneousProtocol(),
        ProtocolKind.Optimistic => new SimultaneousProtocol(UpdateRule.Optimistic),
        ProtocolKind.Alternating => new AlternatingProtocol(spec.DiscriminatorSteps, spec.GeneratorSteps),
        ProtocolKind.Extragradient => new ExtragradientProtocol(),
        ProtocolKind.Unrolled => new UnrolledProtocol(spec.UnrollSteps, throughSteps: true),
        ProtocolKind.UnrolledStopGradient => new UnrolledProtocol(spec.UnrollSteps, throughSteps: false),
        ProtocolKind.Consensus => new ConsensusProtocol(spec.ConsensusWeight),
        _ => throw new NotSupportedException($"protocol {spec.Kind} is not implemented"),
    };
}
