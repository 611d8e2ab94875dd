using System.Globalization;

namespace OrleansGan.Core.Checkpoints;

/// <summary>
/// Where the checkpoints a game keeps beside its latest one live in its checkpoint store: the game's diagnostics keep
/// one per diagnosed round, so any of them can be diagnosed again, or serve as a path-angle's start, after the game.
/// </summary>
public static class SnapshotKeys
{
    private const string Infix = ".round-";

    /// <summary>The store key of the checkpoint of <paramref name="gameId"/> kept at <paramref name="round"/>.</summary>
    public static string Of(string gameId, int round) => string.Create(CultureInfo.InvariantCulture, $"{gameId}{Infix}{round:D6}");

    /// <summary>The game whose snapshot <paramref name="key"/> is, or null when it is not a snapshot's key.</summary>
    public static string? GameOf(string key)
    {
        var at = key.LastIndexOf(Infix, StringComparison.Ordinal);
        return at > 0 && key.Length >= at + Infix.Length + 6 && !key.AsSpan(at + Infix.Length).ContainsAnyExceptInRange('0', '9') ? key[..at] : null;
    }
}
