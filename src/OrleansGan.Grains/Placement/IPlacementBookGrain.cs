using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Grains.Placement;

/// <summary>
/// The cluster's one book of which device hosts which game's players (key 0). Choosing seats and recording them is
/// one turn of this grain, so concurrent games never pick the same "least loaded" device on stale counts.
/// </summary>
public interface IPlacementBookGrain : IGrainWithIntegerKey
{
    /// <summary>Chooses seats for the game's players by <paramref name="placement"/> among the active silos, and books them.</summary>
    Task<GameSeats> SeatAsync(string gameId, PlacementSpec placement);

    /// <summary>Frees the game's seats.</summary>
    Task ReleaseAsync(string gameId);

    /// <summary>The active silos and their devices.</summary>
    Task<IReadOnlyList<SiloDevices>> SilosAsync();
}
