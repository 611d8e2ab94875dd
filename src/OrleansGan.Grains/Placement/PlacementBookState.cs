namespace OrleansGan.Grains.Placement;

/// <summary>The placement book's stored state: the seats of each game, by id.</summary>
[GenerateSerializer]
public sealed class PlacementBookState
{
    /// <summary>The seats.</summary>
    [Id(0)]
    public Dictionary<string, GameSeats> Games { get; set; } = [];
}
