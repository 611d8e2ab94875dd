using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Abstractions.Players;

/// <summary>What a generator grain needs to take its seat: its network, optimizer, device and random stream.</summary>
/// <param name="Spec">The network, optimizer and device.</param>
/// <param name="Seed">The seed of the player's random stream.</param>
/// <param name="Classes">
/// The number of classes the generator is conditioned on (G(z, y), Mirza and Osindero 2014); 0 for an unconditional one.
/// </param>
/// <param name="BatchSize">The game's minibatch size, which is also the size of a virtual-batch-norm reference batch.</param>
[GenerateSerializer, Immutable]
public sealed record GeneratorSetup(
    [property: Id(0)] GeneratorSpec Spec,
    [property: Id(1)] ulong Seed,
    [property: Id(2)] int BatchSize = 0,
    [property: Id(4)] int Classes = 0);
