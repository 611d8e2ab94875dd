using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Messages;

namespace OrleansGan.Grains.Protocols;

/// <summary>
/// Consensus optimization (Mescheder et al. 2017, "The Numerics of GANs"): with v = (grad_theta J_G, grad_psi J_D) and
/// L = 1/2 |v|^2, each player steps along its part of v + gamma grad L. The cross terms of grad L, where one player's
/// gradient depends on the other's parameters, pass between the grains as batch-shaped messages:
/// <list type="number">
/// <item>D: u = dJ_G/dx and q = d(1/2 |grad_psi J_D|^2)/dx;</item>
/// <item>G: g = J_x^T u and the tangent t = J_x g;</item>
/// <item>D: steps along grad_psi J_D + gamma (grad_psi 1/2 |grad_psi J_D|^2 + grad_psi (u . t)), returns s = H_xx(J_G) t;</item>
/// <item>G: steps along g + gamma (its own term + J_x^T (q + s)).</item>
/// </list>
/// </summary>
public sealed class ConsensusProtocol(double weight) : IProtocol
{
    /// <inheritdoc />
    public async Task<RoundRecord> PlayRoundAsync(PlayerPair players, int round, int batchSize)
    {
        var fake = await players.ProposeAsync(round, batchSize, keepForGradient: true);
        var judgment = await players.Discriminator.ConsensusJudgeAsync(fake);
        var tangent = await players.Generator.TangentAsync(judgment.Gradient);
        var reply = await players.Discriminator.ConsensusUpdateAsync(tangent, weight);
        var g = await players.Generator.ApplyConsensusAsync(
            new ConsensusCorrection(judgment.FieldNormGradient, reply.HessianVectorProduct, weight));

        var d = reply.Update;
        return new RoundRecord(round, d.DiscriminatorLoss, judgment.Gradient.GeneratorLoss,
            d.MeanRealScore, d.MeanFakeScore, d.GradientNorm, g.GradientNorm);
    }
}
