namespace OrleansGan.Grains.Placement;

/// <summary>Where placement put one player: a silo and one of its devices.</summary>
[GenerateSerializer, Immutable]
public sealed record PlayerSeat(
    [property: Id(0)] string SiloAddress,
    [property: Id(1)] string SiloName,
    [property: Id(2)] string Device);
