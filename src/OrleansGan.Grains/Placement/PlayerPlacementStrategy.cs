namespace OrleansGan.Grains.Placement;

/// <summary>Places a player grain on the silo its game chose for it (carried in the request context of its first call).</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class PlayerPlacementStrategy : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static PlayerPlacementStrategy Instance { get; } = new();
}
