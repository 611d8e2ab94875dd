using System.Buffers.Binary;
using System.IO.Compression;

namespace OrleansGan.Core.Tests.Data;

/// <summary>Writes small synthetic IDX files (valid or deliberately broken) into a temporary folder.</summary>
internal sealed class IdxFiles : IDisposable
{
    public IdxFiles() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "orleans-gan-idx-" + Guid.NewGuid().ToString("N"));

    /// <summary>An image header (magic, count, rows, columns) followed by <paramref name="pixels"/>.</summary>
    public static byte[] Images(int count, int rows, int columns, byte[] pixels, int magic = 0x00000803) =>
        [.. BigEndian(magic, count, rows, columns), .. pixels];

    /// <summary>A label header (magic, count) followed by <paramref name="labels"/>.</summary>
    public static byte[] Labels(byte[] labels, int? count = null, int magic = 0x00000801) =>
        [.. BigEndian(magic, count ?? labels.Length), .. labels];

    /// <summary>Image i has every pixel equal to 10 * i + 1, so tests can tell the images apart.</summary>
    public static byte[] Pixels(int count) =>
        Enumerable.Range(0, count).SelectMany(i => Enumerable.Repeat((byte)((10 * i) + 1), 28 * 28)).ToArray();

    public string Write(string name, byte[] bytes, bool gzip = false)
    {
        var path = Path.Combine(Folder, name);
        if (gzip)
        {
            using var file = File.Create(path);
            using var stream = new GZipStream(file, CompressionLevel.Fastest);
            stream.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }

        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static byte[] BigEndian(params int[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return bytes;
    }
}
