using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Core.Checkpoints;

/// <summary>A game as it stood after a round: enough to continue exactly as if it had never stopped.</summary>
/// <param name="Spec">The game's spec.</param>
/// <param name="Round">Rounds completed.</param>
/// <param name="ElapsedSeconds">Wall time spent so far.</param>
/// <param name="Rounds">Every round record so far.</param>
/// <param name="Evaluations">Every evaluation so far.</param>
/// <param name="Generator">The generator's state.</param>
/// <param name="Discriminator">The discriminator's state.</param>
public sealed record GameCheckpoint(
    GameSpec Spec,
    int Round,
    double ElapsedSeconds,
    IReadOnlyList<RoundRecord> Rounds,
    IReadOnlyList<EvaluationRecord> Evaluations,
    byte[] Generator,
    byte[] Discriminator);
