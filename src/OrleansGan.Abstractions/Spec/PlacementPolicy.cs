namespace OrleansGan.Abstractions.Spec;

/// <summary>Where a game's players go in the cluster.</summary>
public enum PlacementPolicy
{
    /// <summary>No constraint: Orleans places the players, each computes on the device its own spec names.</summary>
    Any,

    /// <summary>Both players on one device of one silo.</summary>
    Colocate,

    /// <summary>Generator and discriminator on different devices, on different silos where possible.</summary>
    Split,

    /// <summary>Each player on the device with the fewest players, over all silos: games balance over all devices.</summary>
    Spread,

    /// <summary>Each player on the "silo/device" its placement field names.</summary>
    Explicit,
}
