using System.Diagnostics;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Randomness;
using OrleansGan.Grains.Protocols;

namespace OrleansGan.Grains.Diagnostics;

/// <summary>
/// The duality gap of one point, DG = max_psi' V(theta, psi') - min_theta' V(theta', psi) with V = -J_D
/// (Grnarova et al. 2019), and its perturbed variant (Sidheekh et al. 2021). Each half is a pair of fresh grains: a
/// copy of one player, with a fresh optimizer, trained for N steps against the other player frozen at the point (the
/// discriminator copy on one part of the data, the generator copy on its own latent draws), then V scored on held-out
/// data: latent draws and real samples no copy trained on (for MNIST, the other half of the digits). The halves are
/// seated by placement and all run at once, so on a cluster they spread over its devices.
/// </summary>
internal sealed class DualityGapEstimator(PlayerCopies copies)
{
    private static readonly DataPart AdversaryPart = new(0, 2);
    private static readonly DataPart ScoringPart = new(1, 2);

    /// <summary>The plain estimate, and the perturbed one when <see cref="DualityGapSpec.Perturbation"/> is positive.</summary>
    public async Task<(DualityGap Plain, DualityGap? Perturbed)> EstimateAsync(
        string key, GameSpec spec, int round, PlayerState generator, PlayerState discriminator, DualityGapSpec options, Action<int> onStep, CancellationToken cancel)
    {
        var steps = 0;
        void Step()
        {
            onStep(Interlocked.Increment(ref steps));
        }

        var halves = new List<Task<(double Before, double After, double Seconds)>>
        {
            HalfAsync($"{key}/gap-d", spec, round, generator, discriminator, options, worstDiscriminator: true, 0, Step, cancel),
            HalfAsync($"{key}/gap-g", spec, round, generator, discriminator, options, worstDiscriminator: false, 0, Step, cancel),
        };
        if (options.Perturbation > 0)
        {
            halves.Add(HalfAsync($"{key}/gap-pd", spec, round, generator, discriminator, options, worstDiscriminator: true, options.Perturbation, Step, cancel));
            halves.Add(HalfAsync($"{key}/gap-pg", spec, round, generator, discriminator, options, worstDiscriminator: false, options.Perturbation, Step, cancel));
        }

        var results = await Task.WhenAll(halves);
        var plain = new DualityGap(results[0].Before, results[0].After, results[1].After, 0, options.Steps, Math.Max(results[0].Seconds, results[1].Seconds));
        var perturbed = results.Length < 4 ? null
            : new DualityGap(results[0].Before, results[2].After, results[3].After, options.Perturbation, options.Steps, Math.Max(results[2].Seconds, results[3].Seconds));
        return (plain, perturbed);
    }

    /// <summary>Steps every half takes together, for progress.</summary>
    public static int TotalSteps(DualityGapSpec options) => options.Steps * (options.Perturbation > 0 ? 4 : 2);

    // One half: V at the copy's start (the point itself for the plain estimate), then after N steps of the copy.
    private async Task<(double Before, double After, double Seconds)> HalfAsync(
        string key, GameSpec spec, int round, PlayerState generator, PlayerState discriminator, DualityGapSpec options,
        bool worstDiscriminator, double perturbation, Action onStep, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var purpose = (worstDiscriminator ? 10UL : 20UL) + (perturbation > 0 ? 1UL : 0UL);
        var seed = PlayerSeeds.Diagnostic(spec.Seed, round, purpose);
        var pair = await copies.SeatAsync(key, spec, seed, AdversaryPart, options.LearningRate);
        try
        {
            // The frozen player is the point itself (its whole state); the copy takes the point's weights (plus the
            // perturbation) with its own fresh optimizer.
            if (worstDiscriminator)
            {
                await pair.Generator.RestoreStateAsync(generator);
                await pair.Discriminator.RestoreWeightsAsync(discriminator, perturbation, seed + 2);
            }
            else
            {
                await pair.Discriminator.RestoreStateAsync(discriminator);
                await pair.Generator.RestoreWeightsAsync(generator, perturbation, seed + 3);
            }

            var before = await ValueAsync(pair, spec, options);
            for (var step = 0; step < options.Steps; step++)
            {
                cancel.ThrowIfCancellationRequested();
                if (worstDiscriminator)
                {
                    var fake = await ProbedGame.Retry(() => pair.Generator.ProposeAsync(spec.BatchSize, keepForGradient: false));
                    await ProbedGame.Retry(() => pair.Discriminator.UpdateAsync(fake with { Round = round }, UpdateRule.Plain));
                }
                else
                {
                    // Propose keeps G(z)'s graph until the gradient arrives: the pair is one move, retried whole.
                    await ProbedGame.Retry(async () =>
                    {
                        var fake = await pair.Generator.ProposeAsync(spec.BatchSize, keepForGradient: true);
                        var gradient = await pair.Discriminator.JudgeAsync(fake with { Round = round });
                        await pair.Generator.ApplyGradientAsync(gradient, UpdateRule.Plain);
                    });
                }

                onStep();
            }

            return (before, await ValueAsync(pair, spec, options), clock.Elapsed.TotalSeconds);
        }
        finally
        {
            await copies.ReleaseAsync(key, pair);
        }
    }

    // V = -J_D averaged over held-out minibatches: the same latent and real draws for every half, so the halves'
    // values differ only by the players.
    private static async Task<double> ValueAsync(PlayerPair pair, GameSpec spec, DualityGapSpec options)
    {
        var total = 0.0;
        for (var m = 0; m < options.ScoreBatches; m++)
        {
            var latent = PlayerSeeds.Diagnostic(spec.Seed, -1, 1000 + (ulong)m);
            var real = PlayerSeeds.Diagnostic(spec.Seed, -1, 100_000 + (ulong)m);
            var fake = await ProbedGame.Retry(() => pair.Generator.SampleAsync(spec.BatchSize, latent));
            total += await ProbedGame.Retry(() => pair.Discriminator.ValueAsync(fake, real, ScoringPart));
        }

        return total / options.ScoreBatches;
    }
}
