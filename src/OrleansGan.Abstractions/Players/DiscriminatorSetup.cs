using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Abstractions.Players;

/// <summary>
/// What a discriminator grain needs to take its seat. It also owns the real data stream and the game's costs,
/// since it is the player that evaluates both J_D and J_G. <see cref="TrainingPart"/> (null: all of it) is the part of
/// a finite data set its minibatches come from.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DiscriminatorSetup(
    [property: Id(0)] DiscriminatorSpec Spec,
    [property: Id(1)] ulong Seed,
    [property: Id(2)] DataSpec Data,
    [property: Id(3)] LossKind Loss,
    [property: Id(4)] int BatchSize,
    [property: Id(5)] StabilizerSpec? Stabilizers = null,
    [property: Id(6)] DataPart? TrainingPart = null);
