using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Players;

namespace OrleansGan.Grains.Protocols;

/// <summary>
/// Simultaneous gradient descent, the tutorial's "simplified training procedure": both players compute their
/// gradients from the same pair of minibatches at the same parameters, then both step. With
/// <see cref="UpdateRule.Optimistic"/> each player steps along 2 g_t - g_(t-1) instead (optimistic gradient descent).
/// </summary>
public sealed class SimultaneousProtocol(UpdateRule rule = UpdateRule.Plain) : IProtocol
{
    /// <inheritdoc />
    public async Task<RoundRecord> PlayRoundAsync(PlayerPair players, int round, int batchSize)
    {
        // x = G(z), keeping G's graph for the gradient message.
        var fake = await players.ProposeAsync(round, batchSize, keepForGradient: true);

        // D returns dJ_G/dx at its current parameters, then steps on J_D from the same fake minibatch.
        var reply = await players.Discriminator.JudgeThenUpdateAsync(fake, rule);

        // G steps on the gradient taken before D moved.
        var g = await players.Generator.ApplyGradientAsync(reply.Gradient, rule);

        var d = reply.Update;
        return new RoundRecord(round, d.DiscriminatorLoss, reply.Gradient.GeneratorLoss,
            d.MeanRealScore, d.MeanFakeScore, d.GradientNorm, g.GradientNorm);
    }
}
