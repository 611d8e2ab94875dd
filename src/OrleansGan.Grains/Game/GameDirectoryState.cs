using OrleansGan.Abstractions.Game;

namespace OrleansGan.Grains.Game;

/// <summary>The game directory's stored state: every game it lists, by id.</summary>
[GenerateSerializer]
public sealed class GameDirectoryState
{
    /// <summary>The games.</summary>
    [Id(0)]
    public Dictionary<string, GameEntry> Games { get; set; } = [];
}
