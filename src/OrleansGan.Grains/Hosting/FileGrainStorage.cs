using System.Text;
using Orleans.Storage;
using OrleansGan.Core.Checkpoints;

namespace OrleansGan.Grains.Hosting;

/// <summary>
/// Grain state as files, root/.records/&lt;state name&gt;/&lt;grain id&gt;.state: the embedded silo's durable records (beside its
/// checkpoints, so <c>resume</c> finds a game as it was), and those of silos that share a checkpoint folder. A game's
/// record goes under its game's root (<see cref="CheckpointRoots"/>, keyed by the grain's key), any other state under
/// the shared one. Each write
/// goes to a temporary file, flushed and renamed over the old one, and carries a new ETag; a write whose ETag does not
/// match the file's is refused, as Orleans' own providers refuse it.
/// </summary>
/// <remarks>
/// Orleans ships no file provider (its samples show one); this is the smallest one with atomic writes and ETags.
/// </remarks>
public sealed class FileGrainStorage(CheckpointRoots roots, IGrainStorageSerializer serializer) : IGrainStorage
{
    /// <summary>The folder under a root that holds the records.</summary>
    public const string Folder = ".records";

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (etag, state) = await ReadAsync<T>(PathOf(stateName, grainId));
        grainState.ETag = etag;
        grainState.RecordExists = etag is not null;
        grainState.State = etag is not null ? state! : Activator.CreateInstance<T>();
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var (stored, _) = await ReadAsync<T>(path);
        if (stored != grainState.ETag)
        {
            throw new InconsistentStateException($"{path}: the state was written by someone else (ETag {stored}, expected {grainState.ETag})", stored, grainState.ETag);
        }

        var etag = Guid.NewGuid().ToString("N");
        var payload = serializer.Serialize(grainState.State).ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{etag}.writing";
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 12, FileOptions.WriteThrough))
        {
            await using var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true);
            writer.Write(etag);
            writer.Write(payload.Length);
            writer.Write(payload);
            writer.Flush();
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        File.Delete(PathOf(stateName, grainId));
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    private string PathOf(string stateName, GrainId grainId) =>
        Path.Combine(roots.Of(grainId.Key.ToString()!), Folder, GameFolder.SafeName(stateName), GameFolder.SafeName(grainId.ToString()) + ".state");

    private async Task<(string? ETag, T? State)> ReadAsync<T>(string path)
    {
        if (!File.Exists(path))
        {
            return (null, default);
        }

        var bytes = await File.ReadAllBytesAsync(path);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            var etag = reader.ReadString();
            var payload = reader.ReadBytes(reader.ReadInt32());
            return (etag, serializer.Deserialize<T>(new BinaryData(payload)));
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or InvalidOperationException or Orleans.Serialization.SerializerException)
        {
            throw new InvalidDataException($"{path}: the grain state is damaged ({e.Message})", e);
        }
    }
}
