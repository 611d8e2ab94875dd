namespace OrleansGan.Abstractions.Spec;

/// <summary>Where the players go; the chosen device replaces the device in the player's spec.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="Generator">With <see cref="PlacementPolicy.Explicit"/>: "silo/device" for the generator.</param>
/// <param name="Discriminator">With <see cref="PlacementPolicy.Explicit"/>: "silo/device" for the discriminator.</param>
[GenerateSerializer, Immutable]
public sealed record PlacementSpec(
    [property: Id(0)] PlacementPolicy Policy,
    [property: Id(1)] string? Generator,
    [property: Id(2)] string? Discriminator);
