using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;

namespace OrleansGan.Grains.Protocols;

/// <summary>The two players of one game, as the protocol addresses them.</summary>
public sealed record PlayerPair(IGeneratorGrain Generator, IDiscriminatorGrain Discriminator)
{
    /// <summary>The player grains of game <paramref name="gameId"/>.</summary>
    public static PlayerPair Of(IGrainFactory grains, string gameId) => new(
        grains.GetGrain<IGeneratorGrain>(PlayerRole.Generator.GrainKey(gameId)),
        grains.GetGrain<IDiscriminatorGrain>(PlayerRole.Discriminator.GrainKey(gameId)));

    /// <summary>The generator's move in round <paramref name="round"/>: a fake minibatch x = G(z), marked with its round.</summary>
    public async Task<FakeMinibatch> ProposeAsync(int round, int batchSize, bool keepForGradient) =>
        await Generator.ProposeAsync(batchSize, keepForGradient) with { Round = round };

    /// <summary>
    /// The generator's <paramref name="withoutGradient"/> + 1 moves in round <paramref name="round"/> in one call, the
    /// last keeping G(z)'s graph (<see cref="IGeneratorGrain.ProposeSeveralAsync"/>), each marked with its round.
    /// </summary>
    public async Task<FakeMinibatch[]> ProposeSeveralAsync(int round, int batchSize, int withoutGradient) =>
        [.. (await Generator.ProposeSeveralAsync(batchSize, withoutGradient)).Select(fake => fake with { Round = round })];
}
