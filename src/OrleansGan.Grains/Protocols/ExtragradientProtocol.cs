using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Players;

namespace OrleansGan.Grains.Protocols;

/// <summary>
/// Extragradient (Korpelevich 1976; Gidel et al. 2019): from (theta, psi), extrapolate both players by one
/// simultaneous step to (theta', psi'); take both gradients there on fresh minibatches; then step from (theta, psi)
/// along those gradients. Figures are those of the update step.
/// </summary>
public sealed class ExtragradientProtocol : IProtocol
{
    /// <inheritdoc />
    public async Task<RoundRecord> PlayRoundAsync(PlayerPair players, int round, int batchSize)
    {
        await players.Generator.SaveAnchorAsync();
        await players.Discriminator.SaveAnchorAsync();

        // Extrapolation: an ordinary simultaneous step.
        var lookahead = await players.ProposeAsync(round, batchSize, keepForGradient: true);
        var extrapolated = await players.Discriminator.JudgeThenUpdateAsync(lookahead, UpdateRule.Plain);
        await players.Generator.ApplyGradientAsync(extrapolated.Gradient, UpdateRule.Plain);

        // Update: gradients at the extrapolated point, applied from the anchor.
        var fake = await players.ProposeAsync(round, batchSize, keepForGradient: true);
        var reply = await players.Discriminator.JudgeThenUpdateAsync(fake, UpdateRule.FromAnchor);
        var g = await players.Generator.ApplyGradientAsync(reply.Gradient, UpdateRule.FromAnchor);

        var d = reply.Update;
        return new RoundRecord(round, d.DiscriminatorLoss, reply.Gradient.GeneratorLoss,
            d.MeanRealScore, d.MeanFakeScore, d.GradientNorm, g.GradientNorm);
    }
}
