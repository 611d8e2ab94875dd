using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;

namespace OrleansGan.Core.Checkpoints;

/// <summary>Record logs as files beside the checkpoints: root/&lt;game id&gt;/rounds.log, evaluations.log and diagnoses.log (the root of each game given by <see cref="CheckpointRoots"/>).</summary>
public sealed class FileGameLogStore(CheckpointRoots roots) : IGameLogStore
{
    /// <summary>Every game's logs under <paramref name="root"/>, one folder per game.</summary>
    public FileGameLogStore(string root)
        : this(CheckpointRoots.Single(root))
    {
    }

    /// <inheritdoc />
    public IRecordLog<RoundRecord> Rounds(string gameId) => new FileRecordLog<RoundRecord>(PathOf(gameId, "rounds.log"));

    /// <inheritdoc />
    public IRecordLog<EvaluationRecord> Evaluations(string gameId) => new FileRecordLog<EvaluationRecord>(PathOf(gameId, "evaluations.log"));

    /// <inheritdoc />
    public IRecordLog<Diagnosis> Diagnoses(string gameId) => new FileRecordLog<Diagnosis>(PathOf(gameId, "diagnoses.log"));

    private string PathOf(string gameId, string log) => Path.Combine(GameFolder.Of(roots.Of(gameId), gameId), log);
}
