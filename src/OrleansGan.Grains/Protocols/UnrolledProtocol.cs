using OrleansGan.Abstractions.Game;

namespace OrleansGan.Grains.Protocols;

/// <summary>
/// Unrolled GAN (Metz et al. 2016): the generator descends f_K(theta, psi) = J_G(theta, psi^K(theta, psi)), where
/// psi^K is the discriminator after K of its own optimizer steps on this round's minibatches; the discriminator's own
/// update is the ordinary one. The look-ahead happens inside the discriminator grain, so the generator receives an
/// ordinary gradient message: with <paramref name="throughSteps"/> it is the total derivative through the K steps
/// (which depend on x, hence on theta), otherwise the derivative at a fixed psi^K.
/// </summary>
public sealed class UnrolledProtocol(int unrollSteps, bool throughSteps) : IProtocol
{
    /// <inheritdoc />
    public async Task<RoundRecord> PlayRoundAsync(PlayerPair players, int round, int batchSize)
    {
        var fake = await players.ProposeAsync(round, batchSize, keepForGradient: true);
        var reply = await players.Discriminator.JudgeUnrolledThenUpdateAsync(fake, unrollSteps, throughSteps);
        var g = await players.Generator.ApplyGradientAsync(reply.Gradient, Abstractions.Players.UpdateRule.Plain);

        var d = reply.Update;
        return new RoundRecord(round, d.DiscriminatorLoss, reply.Gradient.GeneratorLoss,
            d.MeanRealScore, d.MeanFakeScore, d.GradientNorm, g.GradientNorm);
    }
}
