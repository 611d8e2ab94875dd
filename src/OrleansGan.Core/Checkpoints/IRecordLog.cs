namespace OrleansGan.Core.Checkpoints;

/// <summary>
/// One append-only log of a game's records (its rounds, its evaluations or its diagnoses), numbered 1, 2, 3, ... in
/// the order they were made. Each record is written once; a game that goes back to a checkpoint cuts the log back to
/// the records that checkpoint had seen, so the log always tells the game as it stands.
/// </summary>
/// <typeparam name="T">The record.</typeparam>
public interface IRecordLog<T> : IAsyncDisposable
{
    /// <summary>Where the log lives, for messages.</summary>
    string Where { get; }

    /// <summary>How many records the log holds (the number of the last one).</summary>
    Task<int> CountAsync();

    /// <summary>Appends records numbered <paramref name="first"/>, <paramref name="first"/> + 1, ...; those already in the log are not written again.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="first"/> leaves a gap after the log's last record.</exception>
    Task AppendAsync(int first, IReadOnlyList<T> records);

    /// <summary>The records numbered <paramref name="after"/> + 1 to <paramref name="after"/> + <paramref name="max"/> (fewer at the end).</summary>
    Task<IReadOnlyList<T>> ReadAsync(int after, int max);

    /// <summary>Keeps the first <paramref name="count"/> records and drops the rest.</summary>
    Task TruncateAsync(int count);

    /// <summary>Makes every record appended so far durable (called before a checkpoint that counts on them).</summary>
    Task FlushAsync();

    /// <summary>Drops every record (a new game under the same id).</summary>
    Task ClearAsync();
}
