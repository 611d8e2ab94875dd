using OrleansGan.Abstractions.Game;

namespace OrleansGan.Core.Checkpoints;

/// <summary>Record logs as files beside the checkpoints: root/&lt;game id&gt;/rounds.log and evaluations.log.</summary>
public sealed class FileGameLogStore(string root) : IGameLogStore
{
    /// <summary>The folder holding one folder per game.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <inheritdoc />
    public IRecordLog<RoundRecord> Rounds(string gameId) => new FileRecordLog<RoundRecord>(Path.Combine(GameFolder.Of(Root, gameId), "rounds.log"));

    /// <inheritdoc />
    public IRecordLog<EvaluationRecord> Evaluations(string gameId) =>
        new FileRecordLog<EvaluationRecord>(Path.Combine(GameFolder.Of(Root, gameId), "evaluations.log"));
}
