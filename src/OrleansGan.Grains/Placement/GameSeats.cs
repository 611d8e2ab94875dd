namespace OrleansGan.Grains.Placement;

/// <summary>The seats placement chose for the two players of one game.</summary>
[GenerateSerializer, Immutable]
public sealed record GameSeats(
    [property: Id(0)] PlayerSeat Generator,
    [property: Id(1)] PlayerSeat Discriminator);
