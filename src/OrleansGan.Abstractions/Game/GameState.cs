namespace OrleansGan.Abstractions.Game;

/// <summary>Where a game is in its life.</summary>
public enum GameState
{
    /// <summary>No spec has been given yet.</summary>
    Created,

    /// <summary>Rounds are being played.</summary>
    Running,

    /// <summary>All rounds were played.</summary>
    Finished,

    /// <summary>A loss or a parameter became NaN or infinite; the game stopped.</summary>
    Diverged,

    /// <summary>A move failed; the error says why.</summary>
    Failed,

    /// <summary>Stopped on request.</summary>
    Cancelled,
}
