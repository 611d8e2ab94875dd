using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;

namespace OrleansGan.Core.Checkpoints;

/// <summary>
/// Where each game's round, evaluation and diagnosis records go: append-only logs beside its checkpoints, so a checkpoint holds
/// only what a restart needs and its size does not grow with the game.
/// </summary>
public interface IGameLogStore
{
    /// <summary>The log of the game's round records (record n is round n).</summary>
    IRecordLog<RoundRecord> Rounds(string gameId);

    /// <summary>The log of the game's evaluations (record n is its n-th evaluation).</summary>
    IRecordLog<EvaluationRecord> Evaluations(string gameId);

    /// <summary>The log of the game's in-game diagnoses (record n is its n-th diagnosis, spec section <c>diagnostics</c>).</summary>
    IRecordLog<Diagnosis> Diagnoses(string gameId);
}
