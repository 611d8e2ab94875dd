using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Randomness;
using OrleansGan.Grains.Placement;
using OrleansGan.Grains.Protocols;

namespace OrleansGan.Grains.Diagnostics;

/// <summary>
/// Seats copies of a game's two players as fresh grains: the placement book chooses a device for the pair (the
/// least loaded, both on it: the pair exchanges a message per step, its two members need not), so the several copies
/// one diagnosis seats spread over a cluster's devices and work at once. Copies leave and free their seats when done.
/// </summary>
internal sealed class PlayerCopies(IGrainFactory grains)
{
    /// <summary>
    /// Seats a pair under <paramref name="key"/> with the game's setups (seeds replaced by <paramref name="seed"/> when
    /// given, the discriminator drawing from <paramref name="trainingPart"/> of the data, both optimizers at
    /// <paramref name="learningRate"/> when given); the caller restores their state.
    /// </summary>
    public async Task<PlayerPair> SeatAsync(string key, GameSpec spec, ulong? seed = null, DataPart? trainingPart = null, double? learningRate = null)
    {
        var seats = await grains.GetGrain<IPlacementBookGrain>(0).SeatAsync(key, new PlacementSpec(PlacementPolicy.Colocate, null, null));
        var pair = new PlayerPair(grains.GetGrain<IGeneratorGrain>($"{key}/generator"), grains.GetGrain<IDiscriminatorGrain>($"{key}/discriminator"));
        var generator = spec.Generator with { Device = seats.Generator.Device };
        var discriminator = spec.Discriminator with { Device = seats.Discriminator.Device };
        if (learningRate is { } rate)
        {
            generator = generator with { Optimizer = generator.Optimizer with { LearningRate = rate } };
            discriminator = discriminator with { Optimizer = discriminator.Optimizer with { LearningRate = rate } };
        }

        await OnSilo(seats.Generator.SiloAddress, () => pair.Generator.JoinAsync(
            new GeneratorSetup(generator, seed ?? PlayerSeeds.Generator(spec.Seed), spec.BatchSize, ClassConditioning.Classes(spec))));
        await OnSilo(seats.Discriminator.SiloAddress, () => pair.Discriminator.JoinAsync(new DiscriminatorSetup(
            discriminator, seed + 1 ?? PlayerSeeds.Discriminator(spec.Seed), spec.Data, spec.Loss, spec.BatchSize, spec.Stabilizers, trainingPart)));
        return pair;
    }

    /// <summary>Both copies leave; their seats are freed.</summary>
    public async Task ReleaseAsync(string key, PlayerPair pair)
    {
        try
        {
            await Task.WhenAll(pair.Generator.LeaveAsync(), pair.Discriminator.LeaveAsync());
        }
        finally
        {
            await grains.GetGrain<IPlacementBookGrain>(0).ReleaseAsync(key);
        }
    }

    // The placement director reads the chosen silo from the request context of the call that activates the grain.
    private static async Task OnSilo(string silo, Func<Task> call)
    {
        RequestContext.Set(PlayerPlacementDirector.SiloKey, silo);
        try
        {
            await call();
        }
        finally
        {
            RequestContext.Remove(PlayerPlacementDirector.SiloKey);
        }
    }
}
