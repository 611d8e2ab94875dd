using Orleans.Runtime.MembershipService.SiloMetadata;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Grains.Hosting;

namespace OrleansGan.Grains.Placement;

/// <summary>
/// Keeps the seats of running games in grain storage, so that a book whose silo died comes back with every seat; seats
/// on silos that have since left membership weigh nothing.
/// </summary>
public sealed class PlacementBookGrain(
    [PersistentState("placement", GameStorage.Name)] IPersistentState<PlacementBookState> book,
    IClusterMembershipService membership, ISiloMetadataCache metadata) : Grain, IPlacementBookGrain
{
    private Dictionary<string, GameSeats> Games => book.State.Games;

    /// <inheritdoc />
    public async Task<GameSeats> SeatAsync(string gameId, PlacementSpec placement)
    {
        Games.Remove(gameId);
        var silos = ActiveSilos();
        var alive = silos.Select(s => s.Address).ToHashSet();
        var load = Games.Values
            .SelectMany(g => new[] { g.Generator, g.Discriminator })
            .Where(seat => alive.Contains(seat.SiloAddress))
            .GroupBy(seat => (seat.SiloAddress, seat.Device))
            .ToDictionary(group => group.Key, group => group.Count());
        var (generator, discriminator) = PlacementPlanner.Plan(placement, silos, load);
        var seats = new GameSeats(generator, discriminator);
        Games[gameId] = seats;
        await book.WriteStateAsync();
        return seats;
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string gameId)
    {
        if (Games.Remove(gameId))
        {
            await book.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SiloDevices>> SilosAsync() => Task.FromResult(ActiveSilos());

    private IReadOnlyList<SiloDevices> ActiveSilos() => membership.CurrentSnapshot.Members.Values
        .Where(m => m.Status == SiloStatus.Active)
        .OrderBy(m => m.SiloAddress.ToParsableString(), StringComparer.Ordinal)
        .Select(m => SiloDevices.From(m.SiloAddress.ToParsableString(), metadata.GetSiloMetadata(m.SiloAddress).Metadata))
        .ToList();
}
