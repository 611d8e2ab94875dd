using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Abstractions.Players;

/// <summary>What a generator grain needs to take its seat: its network, optimizer, device and random stream.</summary>
[GenerateSerializer, Immutable]
public sealed record GeneratorSetup(
    [property: Id(0)] GeneratorSpec Spec,
    [property: Id(1)] ulong Seed);
