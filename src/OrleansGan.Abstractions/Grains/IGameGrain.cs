using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Abstractions.Grains;

/// <summary>One game: seats the two players and plays the spec's protocol over them. Key: the game id.</summary>
public interface IGameGrain : IGrainWithStringKey
{
    /// <summary>Validates the spec, seats the players and starts playing in the background.</summary>
    Task StartAsync(GameSpec spec);

    /// <summary>Progress, with the round records after <paramref name="roundCursor"/> and the evaluations after
    /// <paramref name="evaluationCursor"/> (counts the caller has already seen).</summary>
    Task<GameStatus> GetStatusAsync(int roundCursor, int evaluationCursor);

    /// <summary>
    /// Continues the game from its last checkpoint: players, records and round number as they were saved. With
    /// <paramref name="expected"/>, refuses a checkpoint whose spec differs from it. Returns the round resumed after.
    /// </summary>
    Task<int> ResumeAsync(GameSpec? expected);

    /// <summary>
    /// The in-game diagnoses after the first <paramref name="cursor"/> (the caller has seen those), oldest first, from
    /// the game's diagnosis log: at most a page of them (64); ask again from the new cursor for more.
    /// </summary>
    Task<IReadOnlyList<Diagnosis>> GetDiagnosesAsync(int cursor);

    /// <summary>The spec the game plays (null before it has started): what a page needs to draw its records.</summary>
    Task<GameSpec?> GetSpecAsync();

    /// <summary>Stops after the round in progress.</summary>
    Task CancelAsync();

    /// <summary>
    /// Pushes the game's progress to <paramref name="observer"/> from now on, for <see cref="Watching.GameWatch.Lease"/> unless
    /// renewed by calling again; returns where the game stands (without records: page them with <see cref="GetStatusAsync"/>).
    /// </summary>
    Task<GameStatus> WatchAsync(IGameObserver observer);

    /// <summary>Stops pushing to <paramref name="observer"/>.</summary>
    Task UnwatchAsync(IGameObserver observer);

    /// <summary>
    /// Removes an ended (finished, failed, diverged or cancelled) game's stored data: its checkpoint and kept snapshots,
    /// its record logs, its reminder, its directory entry and its durable record. Refuses a running game
    /// (<see cref="ForgetOutcome.Running"/>, nothing removed); an unknown or already forgotten id is
    /// <see cref="ForgetOutcome.Unknown"/>. Touches no other game's data.
    /// </summary>
    Task<ForgetResult> ForgetAsync();
}
