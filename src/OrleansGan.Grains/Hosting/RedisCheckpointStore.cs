using OrleansGan.Core.Checkpoints;
using StackExchange.Redis;

namespace OrleansGan.Grains.Hosting;

/// <summary>
/// Checkpoints in Redis, one key per game: every silo of a cluster reads the same checkpoints, so a player re-seated on
/// a survivor finds its state. A SET replaces the value atomically; the SHA-256 inside the checkpoint still guards it.
/// </summary>
public sealed class RedisCheckpointStore(IConnectionMultiplexer redis, string prefix = "orleansgan:checkpoint:") : ICheckpointStore
{
    /// <inheritdoc />
    public Task SaveAsync(string gameId, byte[] checkpoint, CancellationToken cancel = default) =>
        redis.GetDatabase().StringSetAsync(prefix + gameId, checkpoint);

    /// <inheritdoc />
    public async Task<byte[]?> LoadAsync(string gameId, CancellationToken cancel = default)
    {
        var value = await redis.GetDatabase().StringGetAsync(prefix + gameId);
        return value.IsNull ? null : (byte[])value!;
    }

    /// <inheritdoc />
    public string Describe(string gameId) => $"redis key {prefix}{gameId}";

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancel = default) => redis.GetDatabase().KeyDeleteAsync(prefix + key);
}
