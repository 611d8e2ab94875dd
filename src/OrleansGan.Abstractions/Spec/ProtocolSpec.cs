using System.Globalization;
using OrleansGan.Abstractions.Players;

namespace OrleansGan.Abstractions.Spec;

/// <summary>The protocol and its parameters; each protocol reads only the fields it needs.</summary>
/// <param name="Kind">The protocol.</param>
/// <param name="DiscriminatorSteps">kD, discriminator steps per round (alternating).</param>
/// <param name="GeneratorSteps">kG, generator steps per round (alternating).</param>
/// <param name="UnrollSteps">k, discriminator optimizer steps the generator looks ahead (unrolled; 0 is the ordinary update).</param>
/// <param name="ConsensusWeight">gamma, the weight of grad(1/2 |v|^2) (consensus).</param>
[GenerateSerializer, Immutable]
public sealed record ProtocolSpec(
    [property: Id(0)] ProtocolKind Kind,
    [property: Id(1)] int DiscriminatorSteps,
    [property: Id(2)] int GeneratorSteps,
    [property: Id(3)] int UnrollSteps,
    [property: Id(4)] double ConsensusWeight)
{
    /// <summary>What <paramref name="builder"/> builds for this protocol: the one switch from a protocol's name to its family.</summary>
    public T Build<T>(IProtocolBuilder<T> builder) => Kind switch
    {
        ProtocolKind.Simultaneous or ProtocolKind.TwoTimeScale => builder.Simultaneous(UpdateRule.Plain),
        ProtocolKind.Optimistic => builder.Simultaneous(UpdateRule.Optimistic),
        ProtocolKind.Alternating => builder.Alternating(DiscriminatorSteps, GeneratorSteps),
        ProtocolKind.Extragradient => builder.Extragradient(),
        ProtocolKind.Unrolled => builder.Unrolled(UnrollSteps, throughSteps: true),
        ProtocolKind.UnrolledStopGradient => builder.Unrolled(UnrollSteps, throughSteps: false),
        ProtocolKind.Consensus => builder.Consensus(ConsensusWeight),
        _ => throw new NotSupportedException($"protocol {Kind} is not implemented"),
    };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ProtocolKind.Alternating => $"alternating({DiscriminatorSteps},{GeneratorSteps})",
        ProtocolKind.TwoTimeScale => "two-time-scale",
        ProtocolKind.Optimistic => "optimistic",
        ProtocolKind.Extragradient => "extragradient",
        ProtocolKind.Unrolled => $"unrolled({UnrollSteps})",
        ProtocolKind.UnrolledStopGradient => $"unrolled-stop-gradient({UnrollSteps})",
        ProtocolKind.Consensus => string.Create(CultureInfo.InvariantCulture, $"consensus({ConsensusWeight:G4})"),
        _ => "simultaneous",
    };
}
