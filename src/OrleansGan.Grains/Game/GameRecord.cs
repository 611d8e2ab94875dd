using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Grains.Game;

/// <summary>
/// The durable record of one game, its grain state: what any silo needs to go on with the game after the one that ran
/// it died (the spec; the players' state and the records are in its checkpoint and its logs), and what its status
/// shows once it has ended. Written when the game starts or resumes, at every checkpoint, and when it ends.
/// </summary>
[GenerateSerializer]
public sealed class GameRecord
{
    /// <summary>The game's spec; null for a game never started.</summary>
    [Id(0)]
    public GameSpec? Spec { get; set; }

    /// <summary>Where the game is: a game recorded as running whose activation is gone goes on by itself.</summary>
    [Id(1)]
    public GameState State { get; set; } = GameState.Created;

    /// <summary>Why it failed or diverged.</summary>
    [Id(2)]
    public string? Error { get; set; }

    /// <summary>Recoveries so far (lost players, broken moves, lost silos of the game itself).</summary>
    [Id(3)]
    public int Recoveries { get; set; }

    /// <summary>Wall time spent playing, as of the last write.</summary>
    [Id(4)]
    public double ElapsedSeconds { get; set; }

    /// <summary>The round of the last checkpoint (0: none yet).</summary>
    [Id(5)]
    public int CheckpointRound { get; set; }

    /// <summary>Where the players were last seated.</summary>
    [Id(6)]
    public IReadOnlyList<PlayerLocation>? Players { get; set; }

    /// <summary>
    /// The state the game directory last acknowledged for this game (null: none yet). While it differs from
    /// <see cref="State"/> the game keeps its reminder, and every tick (on whatever silo) reports again: a report lost
    /// with the activation or the silo that made it is made again, so the directory ends up agreeing with the records.
    /// </summary>
    [Id(7)]
    public GameState? Listed { get; set; }
}
