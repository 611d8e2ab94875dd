namespace OrleansGan.Client.Tests.Sweeps;

/// <summary>
/// Awaits the first checkpoint a game writes under a folder (a checkpoint store's root, or a sweep folder with its run
/// folders): the store renames a finished checkpoint.bin into place, which the file system reports as it happens.
/// </summary>
internal sealed class CheckpointWatch : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly TaskCompletionSource<string> _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Watches <paramref name="folder"/> (created if missing) for a checkpoint in a game folder <paramref name="game"/> accepts by its name.</summary>
    public CheckpointWatch(string folder, Func<string, bool>? game = null)
    {
        Directory.CreateDirectory(folder);
        _watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName };
        void Seen(string path)
        {
            if (Path.GetFileName(path) == "checkpoint.bin" && (game?.Invoke(Path.GetFileName(Path.GetDirectoryName(path))!) ?? true))
            {
                _seen.TrySetResult(path);
            }
        }

        _watcher.Created += (_, e) => Seen(e.FullPath);
        _watcher.Renamed += (_, e) => Seen(e.FullPath);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>The first checkpoint's path, within three minutes.</summary>
    public Task<string> FirstAsync() => _seen.Task.WaitAsync(TimeSpan.FromMinutes(3));

    public void Dispose() => _watcher.Dispose();
}
