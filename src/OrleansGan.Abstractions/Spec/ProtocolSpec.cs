namespace OrleansGan.Abstractions.Spec;

/// <summary>The protocol and its step counts (used by <see cref="ProtocolKind.Alternating"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record ProtocolSpec(
    [property: Id(0)] ProtocolKind Kind,
    [property: Id(1)] int DiscriminatorSteps,
    [property: Id(2)] int GeneratorSteps)
{
    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ProtocolKind.Alternating => $"alternating({DiscriminatorSteps},{GeneratorSteps})",
        _ => "simultaneous",
    };
}
