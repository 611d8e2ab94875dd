namespace OrleansGan.Core.Checkpoints;

/// <summary>Durable storage for the latest checkpoint of each game.</summary>
public interface ICheckpointStore
{
    /// <summary>Replaces the game's checkpoint atomically: a crash during the write leaves the previous one intact.</summary>
    Task SaveAsync(string gameId, byte[] checkpoint, CancellationToken cancel = default);

    /// <summary>The game's latest checkpoint, or null when it has none.</summary>
    Task<byte[]?> LoadAsync(string gameId, CancellationToken cancel = default);

    /// <summary>Where a game's checkpoint lives, for messages.</summary>
    string Describe(string gameId);

    /// <summary>Removes the checkpoint under <paramref name="key"/> (a game id or a snapshot's key); false when there was none.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancel = default);
}
