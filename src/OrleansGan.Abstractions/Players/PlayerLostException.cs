namespace OrleansGan.Abstractions.Players;

/// <summary>
/// A move reached a player grain that holds no seat: its activation was lost (its silo died) and Orleans activated it
/// afresh. The game recovers from its last checkpoint.
/// </summary>
[GenerateSerializer]
public sealed class PlayerLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlayerLostException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PlayerLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PlayerLostException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
