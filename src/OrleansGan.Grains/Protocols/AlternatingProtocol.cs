using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Players;

namespace OrleansGan.Grains.Protocols;

/// <summary>
/// Alternating updates: k_D discriminator steps, then k_G generator steps, each on a fresh minibatch
/// (k_D = 1 is the tutorial's recommendation, k_D = 5 WGAN's). Figures are averaged over each player's steps.
/// </summary>
public sealed class AlternatingProtocol(int discriminatorSteps, int generatorSteps) : IProtocol
{
    /// <inheritdoc />
    public async Task<RoundRecord> PlayRoundAsync(PlayerPair players, int round, int batchSize)
    {
        double costD = 0, meanReal = 0, meanFake = 0, normD = 0, costG = 0, normG = 0;
        for (var step = 0; step < discriminatorSteps; step++)
        {
            var fake = await players.ProposeAsync(round, batchSize, keepForGradient: false);
            var d = await players.Discriminator.UpdateAsync(fake, UpdateRule.Plain);
            costD += d.DiscriminatorLoss / discriminatorSteps;
            meanReal += d.MeanRealScore / discriminatorSteps;
            meanFake += d.MeanFakeScore / discriminatorSteps;
            normD += d.GradientNorm / discriminatorSteps;
        }

        for (var step = 0; step < generatorSteps; step++)
        {
            var fake = await players.ProposeAsync(round, batchSize, keepForGradient: true);
            var message = await players.Discriminator.JudgeAsync(fake);
            var g = await players.Generator.ApplyGradientAsync(message, UpdateRule.Plain);
            costG += message.GeneratorLoss / generatorSteps;
            normG += g.GradientNorm / generatorSteps;
        }

        return new RoundRecord(round, costD, costG, meanReal, meanFake, normD, normG);
    }
}
