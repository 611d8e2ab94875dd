namespace OrleansGan.Abstractions.Game;

/// <summary>One game as the cluster's game directory knows it.</summary>
[GenerateSerializer, Immutable]
public sealed record GameEntry(
    [property: Id(0)] string GameId,
    [property: Id(1)] GameState State,
    [property: Id(2)] DateTimeOffset Since);
