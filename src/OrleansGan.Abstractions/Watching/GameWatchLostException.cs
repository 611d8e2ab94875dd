namespace OrleansGan.Abstractions.Watching;

/// <summary>A watch could not reach its game for its whole patience; the game itself plays on in the cluster.</summary>
public sealed class GameWatchLostException : Exception
{
    /// <summary>Creates the exception for game <paramref name="gameId"/>, naming the last failure.</summary>
    public GameWatchLostException(string gameId, TimeSpan patience, Exception? lastFailure)
        : base($"could not reach game {gameId} for {patience.TotalSeconds:0} s (last: {lastFailure?.GetType().Name}: {FirstLine(lastFailure?.Message)})", lastFailure)
    {
        GameId = gameId;
    }

    /// <summary>Creates the exception.</summary>
    public GameWatchLostException()
        : base("could not reach the game")
    {
        GameId = "";
    }

    /// <summary>Creates the exception with a message.</summary>
    public GameWatchLostException(string message)
        : base(message)
    {
        GameId = "";
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public GameWatchLostException(string message, Exception inner)
        : base(message, inner)
    {
        GameId = "";
    }

    /// <summary>The game the watch followed.</summary>
    public string GameId { get; }

    private static string FirstLine(string? message) => (message ?? "").Split('\n')[0].Trim();
}
