using OrleansGan.Core.Checkpoints;

namespace OrleansGan.Grains.Game;

/// <summary>
/// One kind of a game's records (its rounds, its evaluations or its diagnoses): all of them in an append-only log, the latest
/// <c>window</c> in memory. Records reach the log in batches; every record not yet logged is always inside the window,
/// so nothing is ever only in a batch that the window dropped.
/// </summary>
/// <typeparam name="T">The record.</typeparam>
internal sealed class LoggedRecords<T>(IRecordLog<T> log, int window, int batch)
{
    private readonly List<T> _recent = [];
    private int _logged;

    /// <summary>Records so far.</summary>
    public int Count { get; private set; }

    /// <summary>The latest record, if any.</summary>
    public T? Last => _recent.Count > 0 ? _recent[^1] : default;

    /// <summary>Where the log lives, for messages.</summary>
    public string Where => log.Where;

    /// <summary>A new game: the log and the window start empty.</summary>
    public async Task ClearAsync()
    {
        await log.ClearAsync();
        _recent.Clear();
        Count = _logged = 0;
    }

    /// <summary>Adds the next record; writes a batch to the log when one is full.</summary>
    public async Task AddAsync(T record)
    {
        _recent.Add(record);
        Count++;
        if (_recent.Count >= 2 * window)
        {
            _recent.RemoveRange(0, _recent.Count - window);
        }

        if (Count - _logged >= batch)
        {
            await FlushAsync(durable: false);
        }
    }

    /// <summary>Writes the records not logged yet; with <paramref name="durable"/>, makes the log durable too.</summary>
    public async Task FlushAsync(bool durable)
    {
        if (Count > _logged)
        {
            await log.AppendAsync(_logged + 1, _recent.GetRange(_recent.Count - (Count - _logged), Count - _logged));
            _logged = Count;
        }

        if (durable)
        {
            await log.FlushAsync();
        }
    }

    /// <summary>Goes back to the first <paramref name="count"/> records (a checkpoint's), dropping the rest from the log too.</summary>
    /// <exception cref="InvalidDataException">The log holds fewer records than the checkpoint counts (it was lost or damaged).</exception>
    public async Task RewindAsync(int count)
    {
        await FlushAsync(durable: false);
        var inLog = await log.CountAsync();
        if (inLog < count)
        {
            throw new InvalidDataException($"{log.Where} holds {inLog} records, but the checkpoint counts {count}: the log is missing or damaged");
        }

        await log.TruncateAsync(count);
        _recent.Clear();
        _recent.AddRange(await log.ReadAsync(Math.Max(0, count - window), window));
        Count = _logged = count;
    }

    /// <summary>Takes up the log as it is (an ended game, activated to answer its status): its count, its latest records.</summary>
    public async Task LoadAsync()
    {
        var count = await log.CountAsync();
        _recent.Clear();
        _recent.AddRange(await log.ReadAsync(Math.Max(0, count - window), window));
        Count = _logged = count;
    }

    /// <summary>Replaces the log with <paramref name="records"/> (a version-1 checkpoint's, which held them inside).</summary>
    public async Task ImportAsync(IReadOnlyList<T> records)
    {
        await log.ClearAsync();
        await log.AppendAsync(1, records);
        await log.FlushAsync();
        _recent.Clear();
        Count = _logged = records.Count;
    }

    /// <summary>Records in the log now.</summary>
    public Task<int> LoggedAsync() => log.CountAsync();

    /// <summary>
    /// How many of the logged records come before the first for which <paramref name="within"/> fails (it holds for a
    /// prefix of the log, as "made by round R" does): counted back from the end, where the few records after a
    /// checkpoint are.
    /// </summary>
    public async Task<int> LeadingAsync(Func<T, bool> within)
    {
        await FlushAsync(durable: false);
        var count = await log.CountAsync();
        while (count > 0 && !within((await log.ReadAsync(count - 1, 1))[0]))
        {
            count--;
        }

        return count;
    }

    /// <summary>The records numbered <paramref name="after"/> + 1 onwards, at most <paramref name="max"/>: from memory where the window has them, else from the log.</summary>
    public async Task<IReadOnlyList<T>> AfterAsync(int after, int max)
    {
        after = Math.Clamp(after, 0, Count);
        var wanted = Math.Min(max, Count - after);
        var windowStart = Count - _recent.Count;
        if (wanted <= 0)
        {
            return [];
        }

        if (after >= windowStart)
        {
            return _recent.GetRange(after - windowStart, wanted);
        }

        var fromLog = Math.Min(wanted, windowStart - after);
        var page = new List<T>(await log.ReadAsync(after, fromLog));
        if (page.Count < fromLog)
        {
            throw new InvalidDataException($"{log.Where} ends after record {after + page.Count}, but the game has played {Count}: the log is damaged");
        }

        page.AddRange(_recent.Take(wanted - page.Count));
        return page;
    }

    /// <summary>Flushes the log to disk and lets it go.</summary>
    public async ValueTask DisposeAsync()
    {
        await FlushAsync(durable: true);
        await log.DisposeAsync();
    }
}
