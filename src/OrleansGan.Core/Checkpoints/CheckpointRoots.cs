namespace OrleansGan.Core.Checkpoints;

/// <summary>
/// Which folder holds a game's files (its checkpoint, the snapshots its diagnostics keep, its record logs, its durable
/// record) when a silo keeps them in files: one folder for every game (a silo's checkpoint folder, a plain run's
/// run-folder/checkpoints), or, for the games of an embedded sweep, the checkpoints folder of each game's own run
/// folder, so that each run folder can be resumed, reported and analysed on its own, as a plain run's can.
/// </summary>
public sealed class CheckpointRoots
{
    private readonly IReadOnlyDictionary<string, string> _games;

    private CheckpointRoots(string shared, IReadOnlyDictionary<string, string> games)
    {
        Shared = Path.GetFullPath(shared);
        _games = games.ToDictionary(g => g.Key, g => Path.GetFullPath(g.Value), StringComparer.Ordinal);
    }

    /// <summary>The folder of every game not given a folder of its own, and of state that belongs to no game.</summary>
    public string Shared { get; }

    /// <summary>Every game's files under <paramref name="root"/>.</summary>
    public static CheckpointRoots Single(string root) => new(root, new Dictionary<string, string>());

    /// <summary>The files of each game in <paramref name="games"/> (game id to folder) in its folder; anything else under <paramref name="shared"/>.</summary>
    public static CheckpointRoots PerGame(string shared, IReadOnlyDictionary<string, string> games) => new(shared, games);

    /// <summary>
    /// The folder for <paramref name="key"/>: a game id, or the key of a snapshot a game keeps (<see cref="SnapshotKeys"/>),
    /// which lives beside its game's checkpoint.
    /// </summary>
    public string Of(string key) =>
        _games.Count > 0 && (_games.TryGetValue(key, out var own) || (SnapshotKeys.GameOf(key) is { } game && _games.TryGetValue(game, out own)))
            ? own
            : Shared;
}
