using System.Text.RegularExpressions;

namespace OrleansGan.Core.Checkpoints;

/// <summary>
/// Checkpoints as files, root/&lt;game id&gt;/checkpoint.bin. A save writes and flushes a temporary file beside the
/// checkpoint and renames it over the old one, which POSIX file systems do atomically.
/// </summary>
public sealed partial class FileCheckpointStore(string root) : ICheckpointStore
{
    private const string FileName = "checkpoint.bin";

    /// <summary>The folder holding one folder per game.</summary>
    public string Root { get; } = Path.GetFullPath(root);

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

    // Ids that are not safe file names ("theory-alternating(1,1)") keep their safe characters plus a hash, so two
    // ids never share a folder and none can climb out of the root.
    private string PathOf(string gameId)
    {
        var folder = GameIdPattern().IsMatch(gameId)
            ? gameId
            : $"{UnsafeCharacters().Replace(gameId, "_")}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(gameId)))[..12]}";
        return Path.Combine(Root, folder, FileName);
    }

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex GameIdPattern();

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex UnsafeCharacters();
}
