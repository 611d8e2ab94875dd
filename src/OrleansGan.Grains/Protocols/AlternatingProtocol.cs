using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Players;

namespace OrleansGan.Grains.Protocols;

/// <summary>
/// Alternating updates: k_D discriminator steps, then k_G generator steps, each on a fresh minibatch
/// (k_D = 1 is the tutorial's recommendation, k_D = 5 WGAN's). Figures are averaged over each player's steps.
/// </summary>
/// <remarks>
/// The generator does not move during the discriminator's steps, so its minibatches for them and for its own first
/// step are drawn in one call, and the discriminator's k_D steps and its judgment of that last minibatch are one call:
/// each player draws the same minibatches in the same order as k_D + 1 separate moves would, so the numbers are the
/// same, with three grain calls a round instead of five at k_D = k_G = 1 (each call costs the runtime thread hand-offs;
/// docs/benchmarks/speed.md).
/// </remarks>
public sealed class AlternatingProtocol(int discriminatorSteps, int generatorSteps) : IProtocol
{
    /// <inheritdoc />
    public async Task<RoundRecord> PlayRoundAsync(PlayerPair players, int round, int batchSize)
    {
        double costD = 0, meanReal = 0, meanFake = 0, normD = 0, costG = 0, normG = 0;

        // k_D minibatches without G(z)'s graph for the discriminator's steps, then one with it for the generator's first step.
        var fakes = await players.ProposeSeveralAsync(round, batchSize, withoutGradient: discriminatorSteps);
        var first = await players.Discriminator.UpdateThenJudgeAsync(fakes[..^1], fakes[^1], UpdateRule.Plain);
        foreach (var d in first.Updates)
        {
            costD += d.DiscriminatorLoss / discriminatorSteps;
            meanReal += d.MeanRealScore / discriminatorSteps;
            meanFake += d.MeanFakeScore / discriminatorSteps;
            normD += d.GradientNorm / discriminatorSteps;
        }

        for (var step = 0; step < generatorSteps; step++)
        {
            var message = step == 0
                ? first.Gradient
                : await players.Discriminator.JudgeAsync(await players.ProposeAsync(round, batchSize, keepForGradient: true));
            var g = await players.Generator.ApplyGradientAsync(message, UpdateRule.Plain);
            costG += message.GeneratorLoss / generatorSteps;
            normG += g.GradientNorm / generatorSteps;
        }

        return new RoundRecord(round, costD, costG, meanReal, meanFake, normD, normG);
    }
}
