using OrleansGan.Abstractions.Grains;

namespace OrleansGan.Grains.Protocols;

/// <summary>The two players of one game, as the protocol addresses them.</summary>
public sealed record PlayerPair(IGeneratorGrain Generator, IDiscriminatorGrain Discriminator);
