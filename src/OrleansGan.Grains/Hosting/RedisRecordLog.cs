using OrleansGan.Core.Checkpoints;
using StackExchange.Redis;

namespace OrleansGan.Grains.Hosting;

/// <summary>
/// A record log as a Redis list, record n at index n - 1: RPUSH appends, LRANGE pages by number, LTRIM cuts back to a
/// checkpoint, all on the server every silo shares. A list rather than a stream because a log is addressed by record
/// number (a stream by time-ordered ids) and must be cut from its end on a rewind. Appends run as one script that
/// checks the list's length first, so a record is written once even if two activations of a game ever overlapped.
/// </summary>
/// <typeparam name="T">The record.</typeparam>
public sealed class RedisRecordLog<T>(IConnectionMultiplexer redis, string key) : IRecordLog<T>
{
    // ARGV[1] is the first record's number, ARGV[2..] the records; those the list already holds are skipped.
    private const string Append = """
        local n = redis.call('LLEN', KEYS[1])
        local first = tonumber(ARGV[1])
        if first > n + 1 then return -1 - n end
        for i = math.max(2, n - first + 3), #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
        return redis.call('LLEN', KEYS[1])
        """;

    private IDatabase Database => redis.GetDatabase();

    /// <inheritdoc />
    public string Where => $"redis list {key}";

    /// <inheritdoc />
    public async Task<int> CountAsync() => (int)await Database.ListLengthAsync(key);

    /// <inheritdoc />
    public async Task AppendAsync(int first, IReadOnlyList<T> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        RedisValue[] arguments = [first, .. records.Select(r => (RedisValue)RecordFormat.Write(r))];
        var length = (long)await Database.ScriptEvaluateAsync(Append, [key], arguments);
        if (length < 0)
        {
            throw new InvalidOperationException($"{Where}: record {first} would leave a gap after record {-1 - length}");
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<T>> ReadAsync(int after, int max)
    {
        if (max <= 0)
        {
            return [];
        }

        var values = await Database.ListRangeAsync(key, Math.Max(0, after), Math.Max(0, after) + max - 1);
        return values.Select(v => RecordFormat.Read<T>((byte[])v!, Where)).ToList();
    }

    /// <inheritdoc />
    public async Task TruncateAsync(int count)
    {
        if (count <= 0)
        {
            await Database.KeyDeleteAsync(key);
        }
        else
        {
            await Database.ListTrimAsync(key, 0, count - 1);
        }
    }

    /// <inheritdoc />
    public Task FlushAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task ClearAsync() => Database.KeyDeleteAsync(key);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
