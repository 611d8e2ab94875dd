using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Grains.Protocols;

/// <summary>Builds the protocol a spec names.</summary>
public static class Protocols
{
    /// <summary>The protocol for <paramref name="spec"/>.</summary>
    public static IProtocol Create(ProtocolSpec spec) => spec.Kind switch
    {
        ProtocolKind.Simultaneous => new SimultaneousProtocol(),
        ProtocolKind.Alternating => new AlternatingProtocol(spec.DiscriminatorSteps, spec.GeneratorSteps),
        _ => throw new NotSupportedException($"protocol {spec.Kind} is not implemented"),
    };
}
