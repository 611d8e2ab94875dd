using System.Buffers.Binary;
using System.IO.Hashing;

namespace OrleansGan.Core.Checkpoints;

/// <summary>
/// A record log as one file of entries [number][length][the record, <see cref="RecordFormat"/>][CRC-32 of all three].
/// Appends go through a buffer and reach the disk at <see cref="FlushAsync"/>; a crash mid-append leaves a torn last
/// entry, which the checksum exposes and the next write cuts off. Every <see cref="Stride"/>-th entry's offset is kept
/// in memory, so a page is found by one seek and a short scan, whatever the game's length, while the index stays tiny
/// (200,000 rounds: 782 offsets). Calls are serialized: a status request may read while the game appends.
/// </summary>
/// <remarks>
/// Written by hand because no library we use offers an append-only, checksummed, seekable record file; the format
/// is the smallest that gives those three.
/// </remarks>
/// <typeparam name="T">The record.</typeparam>
public sealed class FileRecordLog<T>(string path) : IRecordLog<T>
{
    /// <summary>Entries between two indexed offsets.</summary>
    public const int Stride = 256;

    private const int HeaderSize = 8, ChecksumSize = 4;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<long> _index = [];
    private FileStream? _writer;
    private bool _scanned;
    private int _count;
    private long _end;

    /// <inheritdoc />
    public string Where => path;

    /// <inheritdoc />
    public Task<int> CountAsync() => Locked<int>(() =>
    {
        Scan();
        return _count;
    });

    /// <inheritdoc />
    public Task AppendAsync(int first, IReadOnlyList<T> records) => Locked(() =>
    {
        var writer = Writer();
        if (first > _count + 1)
        {
            throw new InvalidOperationException($"{path}: record {first} would leave a gap after record {_count}");
        }

        for (var i = _count + 1 - first; i < records.Count; i++)
        {
            var payload = RecordFormat.Write(records[i]);
            var entry = new byte[HeaderSize + payload.Length + ChecksumSize];
            BinaryPrimitives.WriteInt32LittleEndian(entry, _count + 1);
            BinaryPrimitives.WriteInt32LittleEndian(entry.AsSpan(4), payload.Length);
            payload.CopyTo(entry, HeaderSize);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(HeaderSize + payload.Length), Crc32.HashToUInt32(entry.AsSpan(0, HeaderSize + payload.Length)));
            writer.Write(entry);
            Indexed(_end);
            _end += entry.Length;
        }

        return 0;
    });

    /// <inheritdoc />
    public Task<IReadOnlyList<T>> ReadAsync(int after, int max) => Locked<IReadOnlyList<T>>(() =>
    {
        Scan();
        _writer?.Flush();
        var records = new List<T>();
        if (after >= _count || max <= 0 || !File.Exists(path))
        {
            return records;
        }

        after = Math.Max(0, after);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        var number = (after / Stride * Stride) + 1;
        file.Position = _index[(number - 1) / Stride];
        while (number <= _count && records.Count < max)
        {
            var payload = ReadEntry(file, number, _end) ?? throw new InvalidDataException($"{path}: record {number} is damaged");
            if (number > after)
            {
                records.Add(RecordFormat.Read<T>(payload, path));
            }

            number++;
        }

        return records;
    });

    /// <inheritdoc />
    public Task TruncateAsync(int count) => Locked(() =>
    {
        var writer = Writer();
        if (count >= _count)
        {
            return 0;
        }

        count = Math.Max(0, count);
        writer.Flush();
        var offset = OffsetOf(count + 1);
        writer.SetLength(offset);
        writer.Position = offset;
        (_count, _end) = (count, offset);
        _index.RemoveRange((count + Stride - 1) / Stride, _index.Count - ((count + Stride - 1) / Stride));
        return 0;
    });

    /// <inheritdoc />
    public Task FlushAsync() => Locked(() =>
    {
        _writer?.Flush(flushToDisk: true);
        return 0;
    });

    /// <inheritdoc />
    public Task ClearAsync() => Locked(() =>
    {
        _writer?.Dispose();
        _writer = null;
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        (_scanned, _count, _end) = (true, 0, 0);
        _index.Clear();
        return 0;
    });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _writer?.Flush(flushToDisk: true);
            _writer?.Dispose();
            _writer = null;
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }

    private async Task<TResult> Locked<TResult>(Func<TResult> work)
    {
        await _gate.WaitAsync();
        try
        {
            return work();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task Locked(Func<int> work) => await Locked<int>(work);

    // Reads the valid entries once, indexing every Stride-th; a damaged or torn tail ends the log there.
    private void Scan()
    {
        if (_scanned)
        {
            return;
        }

        _scanned = true;
        if (!File.Exists(path))
        {
            return;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        var length = file.Length;
        while (true)
        {
            var start = file.Position;
            if (ReadEntry(file, _count + 1, length) is null)
            {
                break;
            }

            Indexed(start);
            _end = file.Position;
        }
    }

    private void Indexed(long offset)
    {
        if (_count % Stride == 0)
        {
            _index.Add(offset);
        }

        _count++;
    }

    // The payload of the entry at the stream's position if it is entry `number`, intact and ending by `limit`; null otherwise.
    private static byte[]? ReadEntry(FileStream file, int number, long limit)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        if (file.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        if (BinaryPrimitives.ReadInt32LittleEndian(header) != number || length < 0 || length > limit - file.Position - ChecksumSize)
        {
            return null;
        }

        var rest = new byte[length + ChecksumSize];
        if (file.ReadAtLeast(rest, rest.Length, throwOnEndOfStream: false) < rest.Length)
        {
            return null;
        }

        var crc = new Crc32();
        crc.Append(header);
        crc.Append(rest.AsSpan(0, length));
        return crc.GetCurrentHashAsUInt32() == BinaryPrimitives.ReadUInt32LittleEndian(rest.AsSpan(length)) ? rest[..length] : null;
    }

    // The writer, opened at the end of the valid entries (a torn tail is cut off here, by the one who writes).
    private FileStream Writer()
    {
        Scan();
        if (_writer is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _writer = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 1 << 16);
            if (_writer.Length != _end)
            {
                _writer.SetLength(_end);
            }

            _writer.Position = _end;
        }

        return _writer;
    }

    // The offset of entry `number` (1-based; one past the last is the end): the indexed offset before it plus a scan.
    private long OffsetOf(int number)
    {
        if (number > _count)
        {
            return _end;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        var at = ((number - 1) / Stride * Stride) + 1;
        file.Position = _index[(number - 1) / Stride];
        for (; at < number; at++)
        {
            _ = ReadEntry(file, at, _end) ?? throw new InvalidDataException($"{path}: record {at} is damaged");
        }

        return file.Position;
    }
}
