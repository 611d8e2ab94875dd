namespace OrleansGan.Abstractions.Messages;

/// <summary>A player's whole state as bytes (weights, optimizer, rule state, random stream), for checkpoints.</summary>
[GenerateSerializer, Immutable]
public sealed record PlayerState([property: Id(0)] byte[] Data);
