using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Core.Checkpoints;

/// <summary>
/// A game as it stood after a round: what a restart needs to continue exactly as if it had never stopped, and nothing
/// that grows with the game (its records are in its logs, <see cref="IGameLogStore"/>).
/// </summary>
/// <param name="Spec">The game's spec.</param>
/// <param name="Round">Rounds completed (the round log's cursor).</param>
/// <param name="ElapsedSeconds">Wall time spent so far.</param>
/// <param name="Evaluations">Evaluations taken so far (the evaluation log's cursor).</param>
/// <param name="Generator">The generator's state: weights, optimizer, update rules, random stream.</param>
/// <param name="Discriminator">The discriminator's state.</param>
public sealed record GameCheckpoint(
    GameSpec Spec,
    int Round,
    double ElapsedSeconds,
    int Evaluations,
    byte[] Generator,
    byte[] Discriminator)
{
    /// <summary>
    /// In-game diagnoses made so far (the diagnosis log's cursor); null in a checkpoint from before diagnoses had a log
    /// (versions 1 and 2), whose game keeps the logged diagnoses of rounds up to <see cref="Round"/>.
    /// </summary>
    public int? Diagnoses { get; init; }

    /// <summary>The records a version-1 checkpoint carried inside itself, from before records had logs; null otherwise.</summary>
    public CheckpointedRecords? Records { get; init; }
}

/// <summary>Every round record and evaluation of a game, as a version-1 checkpoint held them.</summary>
public sealed record CheckpointedRecords(IReadOnlyList<RoundRecord> Rounds, IReadOnlyList<EvaluationRecord> Evaluations);
