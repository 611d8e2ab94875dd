namespace OrleansGan.Abstractions.Game;

/// <summary>What forgetting a game did.</summary>
public enum ForgetOutcome
{
    /// <summary>The ended game's stored data and its directory entry are gone.</summary>
    Forgotten,

    /// <summary>No game of that id is stored (never played, or forgotten before); whatever was left under its id is gone.</summary>
    Unknown,

    /// <summary>The game is running: nothing was removed (cancel it first, or wait for its end).</summary>
    Running,
}
