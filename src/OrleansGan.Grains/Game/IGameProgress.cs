using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;

namespace OrleansGan.Grains.Game;

/// <summary>What a <see cref="RoundLoop"/> tells the game it plays for, as it plays.</summary>
public interface IGameProgress
{
    /// <summary>Wall time spent playing rounds and evaluating, over every run of the game.</summary>
    double ElapsedSeconds { get; }

    /// <summary>A round was played (already in the history) in <paramref name="duration"/>.</summary>
    void Played(RoundRecord round, TimeSpan duration);

    /// <summary>An evaluation was taken (already in the history).</summary>
    void Evaluated(EvaluationRecord evaluation);

    /// <summary>A checkpoint of round <paramref name="round"/> was written (<paramref name="bytes"/> in <paramref name="duration"/>): the game's durable record follows it.</summary>
    Task CheckpointedAsync(int round, long bytes, TimeSpan duration);

    /// <summary>The point after a round was diagnosed (spec section diagnostics).</summary>
    void Diagnosed(Diagnosis diagnosis);

    /// <summary>The game went back to its last checkpoint (or to its start) to recover; the history is already there.</summary>
    void Rewound();
}
