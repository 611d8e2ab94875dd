using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Abstractions.Players;

/// <summary>What a generator grain needs to take its seat: its network, optimizer, device and random stream.</summary>
/// <param name="BatchSize">The game's minibatch size, which is also the size of a virtual-batch-norm reference batch.</param>
[GenerateSerializer, Immutable]
public sealed record GeneratorSetup(
    [property: Id(0)] GeneratorSpec Spec,
    [property: Id(1)] ulong Seed,
    [property: Id(2)] int BatchSize = 0);
