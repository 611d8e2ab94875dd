using System.Globalization;

namespace OrleansGan.Core.Checkpoints;

/// <summary>
/// Where the checkpoints a game keeps beside its latest one live in its checkpoint store: the game's diagnostics keep
/// one per diagnosed round, so any of them can be diagnosed again, or serve as a path-angle's start, after the game.
/// </summary>
public static class SnapshotKeys
{
    /// <summary>The store key of the checkpoint of <paramref name="gameId"/> kept at <paramref name="round"/>.</summary>
    public static string Of(string gameId, int round) => string.Create(CultureInfo.InvariantCulture, $"{gameId}.round-{round:D6}");
}
