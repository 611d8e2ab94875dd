namespace OrleansGan.Abstractions.Spec;

/// <summary>The real data the discriminator samples from.</summary>
[GenerateSerializer, Immutable]
public sealed record DataSpec([property: Id(0)] DataKind Kind);
