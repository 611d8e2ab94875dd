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
}
