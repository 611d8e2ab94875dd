namespace OrleansGan.Grains.Hosting;

/// <summary>The grain storage that holds games' durable records, the game directory and the placement book.</summary>
public static class GameStorage
{
    /// <summary>The storage provider's name.</summary>
    public const string Name = "games";
}
