using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Players;
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
        string? generatorDevice = null, discriminatorDevice = null;
        string? generatorSilo = null, discriminatorSilo = null;
        if (spec.Placement.Policy != PlacementPolicy.Any)
        {
            var seats = await grains.GetGrain<IPlacementBookGrain>(0).SeatAsync(gameId, spec.Placement);
            (generatorDevice, discriminatorDevice) = (seats.Generator.Device, seats.Discriminator.Device);
            (generatorSilo, discriminatorSilo) = (seats.Generator.SiloAddress, seats.Discriminator.SiloAddress);
        }

        // PlayerSetups is the one place a spec becomes a player's setup, so a player rebuilt outside the game (the
        // field pictures, the diagnoses) is the very player seated here.
        await OnSilo(generatorSilo, () => players.Generator.JoinAsync(PlayerSetups.Generator(spec, generatorDevice)));
        await OnSilo(discriminatorSilo, () => players.Discriminator.JoinAsync(PlayerSetups.Discriminator(spec, discriminatorDevice)));
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
