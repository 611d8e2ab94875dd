using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Randomness;
using OrleansGan.Grains.Protocols;

namespace OrleansGan.Grains.Placement;

/// <summary>
/// Seats the two players of one game: a placement policy other than <c>any</c> books a silo and a device for each in
/// the placement book; the silo travels in the request context of the call that activates the player, where
/// <see cref="PlayerPlacementDirector"/> reads it, and the device replaces the spec's.
/// </summary>
public sealed class PlayerSeating(IGrainFactory grains, string gameId)
{
    /// <summary>Seats (or re-seats) both players for <paramref name="spec"/> and returns where they are.</summary>
    public async Task<IReadOnlyList<PlayerLocation>> SeatAsync(GameSpec spec, PlayerPair players)
    {
        var (generator, discriminator) = (spec.Generator, spec.Discriminator);
        string? generatorSilo = null, discriminatorSilo = null;
        if (spec.Placement.Policy != PlacementPolicy.Any)
        {
            var seats = await grains.GetGrain<IPlacementBookGrain>(0).SeatAsync(gameId, spec.Placement);
            generator = generator with { Device = seats.Generator.Device };
            discriminator = discriminator with { Device = seats.Discriminator.Device };
            (generatorSilo, discriminatorSilo) = (seats.Generator.SiloAddress, seats.Discriminator.SiloAddress);
        }

        await OnSilo(generatorSilo, () => players.Generator.JoinAsync(
            new GeneratorSetup(generator, PlayerSeeds.Generator(spec.Seed), spec.BatchSize, ClassConditioning.Classes(spec))));
        await OnSilo(discriminatorSilo, () => players.Discriminator.JoinAsync(new DiscriminatorSetup(
            discriminator, PlayerSeeds.Discriminator(spec.Seed), spec.Data, spec.Loss, spec.BatchSize, spec.Stabilizers)));
        return [await players.Generator.GetLocationAsync(), await players.Discriminator.GetLocationAsync()];
    }

    /// <summary>Frees the game's seats in the placement book (a game with placement <c>any</c> booked none).</summary>
    public async Task ReleaseAsync(GameSpec spec)
    {
        if (spec.Placement.Policy != PlacementPolicy.Any)
        {
            await grains.GetGrain<IPlacementBookGrain>(0).ReleaseAsync(gameId);
        }
    }

    private static async Task OnSilo(string? silo, Func<Task> call)
    {
        if (silo is null)
        {
            await call();
            return;
        }

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
