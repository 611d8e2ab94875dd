using OrleansGan.Abstractions.Messages;

namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>The discriminator's judgment of the diagnostic fakes: g = dJ_G/dx (batch-shaped) and both costs.</summary>
[GenerateSerializer, Immutable]
public sealed record ProbeJudgment(
    [property: Id(0)] TensorBytes Gradient,
    [property: Id(1)] double DiscriminatorLoss,
    [property: Id(2)] double GeneratorLoss,
    [property: Id(3)] double MeanRealScore,
    [property: Id(4)] double MeanFakeScore);
