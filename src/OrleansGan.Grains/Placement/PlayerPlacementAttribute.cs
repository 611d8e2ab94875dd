using Orleans.Placement;

namespace OrleansGan.Grains.Placement;

/// <summary>Marks a grain class as placed by <see cref="PlayerPlacementDirector"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class PlayerPlacementAttribute : PlacementAttribute
{
    /// <summary>Uses <see cref="PlayerPlacementStrategy"/>.</summary>
    public PlayerPlacementAttribute()
        : base(PlayerPlacementStrategy.Instance)
    {
    }
}
