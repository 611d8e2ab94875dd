using OrleansGan.Abstractions.Game;

namespace OrleansGan.Abstractions.Grains;

/// <summary>The cluster's list of games (key 0): games report their state to it as it changes.</summary>
public interface IGameDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Records the game's current state.</summary>
    Task NoteAsync(string gameId, GameState state);

    /// <summary>Every game the directory has heard of, newest first.</summary>
    Task<IReadOnlyList<GameEntry>> ListAsync();

    /// <summary>Drops the game's entry (a forgotten game); false when it had none.</summary>
    Task<bool> ForgetAsync(string gameId);
}
