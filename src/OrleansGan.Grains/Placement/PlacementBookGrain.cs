using Orleans.Runtime.MembershipService.SiloMetadata;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Grains.Placement;

/// <summary>
/// Keeps the seats of running games in memory: after a silo failure the book starts empty and fills again as games
/// resume and re-seat, which is all the balancing needs.
/// </summary>
public sealed class PlacementBookGrain(IClusterMembershipService membership, ISiloMetadataCache metadata) : Grain, IPlacementBookGrain
{
    private readonly Dictionary<string, GameSeats> _games = [];

    /// <inheritdoc />
    public Task<GameSeats> SeatAsync(string gameId, PlacementSpec placement)
    {
        _games.Remove(gameId);
        var silos = ActiveSilos();
        var alive = silos.Select(s => s.Address).ToHashSet();
        var load = _games.Values
            .SelectMany(g => new[] { g.Generator, g.Discriminator })
            .Where(seat => alive.Contains(seat.SiloAddress))
            .GroupBy(seat => (seat.SiloAddress, seat.Device))
            .ToDictionary(group => group.Key, group => group.Count());
        var (generator, discriminator) = PlacementPlanner.Plan(placement, silos, load);
        var seats = new GameSeats(generator, discriminator);
        _games[gameId] = seats;
        return Task.FromResult(seats);
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string gameId)
    {
        _games.Remove(gameId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SiloDevices>> SilosAsync() => Task.FromResult(ActiveSilos());

    private IReadOnlyList<SiloDevices> ActiveSilos() => membership.CurrentSnapshot.Members.Values
        .Where(m => m.Status == SiloStatus.Active)
        .OrderBy(m => m.SiloAddress.ToParsableString(), StringComparer.Ordinal)
        .Select(m => SiloDevices.From(m.SiloAddress.ToParsableString(), metadata.GetSiloMetadata(m.SiloAddress).Metadata))
        .ToList();
}
