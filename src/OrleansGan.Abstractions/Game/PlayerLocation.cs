using OrleansGan.Abstractions.Players;

namespace OrleansGan.Abstractions.Game;

/// <summary>Where a player of a game lives: its silo (name and address) and the device it computes on.</summary>
[GenerateSerializer, Immutable]
public sealed record PlayerLocation(
    [property: Id(0)] PlayerRole Player,
    [property: Id(1)] string Silo,
    [property: Id(2)] string SiloAddress,
    [property: Id(3)] string Device);
