using System.Diagnostics;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Grains.Protocols;

namespace OrleansGan.Grains.Game;

/// <summary>
/// Writes and reads one game's checkpoints, and restores both players from one: the single way a game goes back to a
/// saved round, whether a user resumes it or it recovers by itself from a lost player or silo.
/// </summary>
public sealed class GameCheckpointer(ICheckpointStore store, string gameId)
{
    /// <summary>Where the game's checkpoint lives, for messages.</summary>
    public string Where => store.Describe(gameId);

    /// <summary>
    /// Saves both players' states with the game's spec and the cursors of its logs, replacing the previous checkpoint
    /// atomically; the logs are made durable first, so a checkpoint never counts a record that could be lost.
    /// </summary>
    /// <returns>The checkpoint's size and the time it took, logs and players' states included.</returns>
    public async Task<(long Bytes, TimeSpan Duration)> SaveAsync(GameSpec spec, GameHistory history, double elapsed, PlayerPair players)
    {
        var started = Stopwatch.GetTimestamp();
        await history.FlushAsync();
        var generator = await players.Generator.SaveStateAsync();
        var discriminator = await players.Discriminator.SaveStateAsync();
        var checkpoint = new GameCheckpoint(spec, history.RoundsCompleted, elapsed, history.EvaluationsCompleted, generator.Data, discriminator.Data)
        {
            Diagnoses = history.DiagnosesCompleted,
        };
        var bytes = GameCheckpointFormat.Write(checkpoint);
        await store.SaveAsync(gameId, bytes);
        return (bytes.Length, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The latest checkpoint, or null when the game has none.</summary>
    /// <exception cref="InvalidDataException">The checkpoint is damaged, truncated or not a checkpoint; the message says which.</exception>
    public async Task<GameCheckpoint?> LoadAsync() =>
        await store.LoadAsync(gameId) is { } bytes ? GameCheckpointFormat.Read(bytes, Where) : null;

    /// <summary>Restores both (already seated) players from <paramref name="checkpoint"/>.</summary>
    public static async Task RestoreAsync(GameCheckpoint checkpoint, PlayerPair players)
    {
        await players.Generator.RestoreStateAsync(new PlayerState(checkpoint.Generator));
        await players.Discriminator.RestoreStateAsync(new PlayerState(checkpoint.Discriminator));
    }
}
