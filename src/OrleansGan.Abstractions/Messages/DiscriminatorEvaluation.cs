namespace OrleansGan.Abstractions.Messages;

/// <summary>The discriminator's mean output on a held-out real sample and on a fake sample.</summary>
[GenerateSerializer, Immutable]
public sealed record DiscriminatorEvaluation(
    [property: Id(0)] double MeanRealScore,
    [property: Id(1)] double MeanFakeScore);
