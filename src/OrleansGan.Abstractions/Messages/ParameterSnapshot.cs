namespace OrleansGan.Abstractions.Messages;

/// <summary>A player's parameters, in the order its network registers them.</summary>
[GenerateSerializer, Immutable]
public sealed record ParameterSnapshot(
    [property: Id(0)] IReadOnlyList<string> Names,
    [property: Id(1)] IReadOnlyList<TensorBytes> Values);
