namespace OrleansGan.Core.Data;

/// <summary>
/// The folder where derived data (parsed digits, the evaluation classifier) is kept between runs, and the one safe way
/// to write there: a file appears whole or not at all, so a process that dies mid-write, or two processes deriving the
/// same file at once, never leave a torn file behind for a reader.
/// </summary>
public static class DataCache
{
    /// <summary>The environment variable that names the cache folder.</summary>
    public const string FolderVariable = "ORLEANSGAN_DATA";

    /// <summary>$ORLEANSGAN_DATA when set, else ~/.cache/orleans-gan.</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "orleans-gan");

    /// <summary>Writes <paramref name="bytes"/> to a temporary file beside <paramref name="path"/> and renames it into place.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            // A rename within one folder is atomic: a reader sees the old file or the new one, never a mixture.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// What the cache file <paramref name="path"/> holds when <paramref name="read"/> accepts it; otherwise, under a lock
    /// file that other processes (and threads) on this machine respect, reads again (another may have just derived it)
    /// and else <paramref name="derive"/>s it, which is expected to write the file. The lock only spares duplicate work:
    /// correctness rests on atomic writes and on <paramref name="read"/> refusing a damaged file.
    /// </summary>
    public static T ReadOrDerive<T>(string path, Func<T?> read, Func<T> derive)
        where T : class
    {
        if (read() is { } cached)
        {
            return cached;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            FileStream? held = null;
            try
            {
                held = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockPatience)
            {
                Thread.Sleep(100);
                continue;
            }
            catch (IOException)
            {
                // A holder this slow is probably stuck; deriving alongside it is safe, only wasteful.
            }

            using (held)
            {
                return read() ?? derive();
            }
        }
    }

    private static readonly TimeSpan LockPatience = TimeSpan.FromMinutes(10);
}
