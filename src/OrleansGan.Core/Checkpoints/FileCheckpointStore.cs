namespace OrleansGan.Core.Checkpoints;

/// <summary>
/// Checkpoints as files, root/&lt;game id&gt;/checkpoint.bin (the root of each game given by <see cref="CheckpointRoots"/>).
/// A save writes and flushes a temporary file beside the checkpoint and renames it over the old one, which POSIX file
/// systems do atomically.
/// </summary>
public sealed class FileCheckpointStore(CheckpointRoots roots) : ICheckpointStore
{
    private const string FileName = "checkpoint.bin";

    /// <summary>Every game's checkpoint under <paramref name="root"/>, one folder per game.</summary>
    public FileCheckpointStore(string root)
        : this(CheckpointRoots.Single(root))
    {
    }

    /// <inheritdoc />
    public async Task SaveAsync(string gameId, byte[] checkpoint, CancellationToken cancel = default)
    {
        var path = PathOf(gameId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.writing";
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.WriteThrough))
        {
            await file.WriteAsync(checkpoint, cancel);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <inheritdoc />
    public async Task<byte[]?> LoadAsync(string gameId, CancellationToken cancel = default)
    {
        var path = PathOf(gameId);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancel) : null;
    }

    /// <inheritdoc />
    public string Describe(string gameId) => PathOf(gameId);

    /// <inheritdoc />
    /// <remarks>The key's folder goes with its checkpoint once nothing else (a record log) is left in it.</remarks>
    public Task<bool> DeleteAsync(string key, CancellationToken cancel = default)
    {
        var path = PathOf(key);
        var existed = File.Exists(path);
        if (existed)
        {
            File.Delete(path);
        }

        var folder = Path.GetDirectoryName(path)!;
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }

        return Task.FromResult(existed);
    }

    private string PathOf(string gameId) => Path.Combine(GameFolder.Of(roots.Of(gameId), gameId), FileName);
}
