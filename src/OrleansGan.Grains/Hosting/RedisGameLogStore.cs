using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Core.Checkpoints;
using StackExchange.Redis;

namespace OrleansGan.Grains.Hosting;

/// <summary>Record logs in Redis beside the checkpoints, one list per game and kind, which every silo of a cluster reads.</summary>
public sealed class RedisGameLogStore(IConnectionMultiplexer redis, string prefix = "orleansgan:") : IGameLogStore
{
    /// <inheritdoc />
    public IRecordLog<RoundRecord> Rounds(string gameId) => new RedisRecordLog<RoundRecord>(redis, $"{prefix}rounds:{gameId}");

    /// <inheritdoc />
    public IRecordLog<EvaluationRecord> Evaluations(string gameId) => new RedisRecordLog<EvaluationRecord>(redis, $"{prefix}evaluations:{gameId}");

    /// <inheritdoc />
    public IRecordLog<Diagnosis> Diagnoses(string gameId) => new RedisRecordLog<Diagnosis>(redis, $"{prefix}diagnoses:{gameId}");
}
