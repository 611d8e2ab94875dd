namespace OrleansGan.Grains.Telemetry;

/// <summary>The count and bytes of one kind of message in one direction for one player of one game.</summary>
internal sealed class MessageTally(KeyValuePair<string, object?>[] tags)
{
    private long _count;
    private long _bytes;
    private long _lastSeen;

    public KeyValuePair<string, object?>[] Tags { get; } = tags;

    public long Count => Interlocked.Read(ref _count);

    public long Bytes => Interlocked.Read(ref _bytes);

    public long LastSeen => Interlocked.Read(ref _lastSeen);

    public void Add(long bytes, long timestamp)
    {
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Exchange(ref _lastSeen, timestamp);
    }
}
