using System.Buffers.Binary;
using System.IO.Compression;

namespace OrleansGan.Core.Data;

/// <summary>
/// Reads the IDX files MNIST is published in (LeCun et al.): a big-endian magic number whose third byte is the
/// element type (0x08: unsigned byte) and whose fourth is the number of dimensions, then each dimension as a
/// big-endian int32, then the elements. Files ending in .gz are decompressed first. Every problem names the file.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an image file: unsigned bytes, 3 dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of a label file: unsigned bytes, 1 dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>The largest IDX file read, decompressed (MNIST's training images take 47 MB): a file or a gzip bomb
    /// beyond it is refused before it fills memory.</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>Reads an image file of <paramref name="rows"/> x <paramref name="columns"/> images; returns the pixels, row-major [count, rows * columns].</summary>
    /// <exception cref="InvalidDataException">The file is not such an image file; the message names it and what is wrong.</exception>
    public static byte[] ReadImages(string file, int rows, int columns)
    {
        var bytes = ReadAll(file);
        var count = Header(file, bytes, ImagesMagic, "images", 3);
        var (r, c) = (Dimension(bytes, 1), Dimension(bytes, 2));
        if (r != rows || c != columns)
        {
            throw Bad(file, $"images are {r}x{c}, expected {rows}x{columns}");
        }

        return Body(file, bytes, 16, (long)count * rows * columns);
    }

    /// <summary>Reads a label file whose labels lie in [0, <paramref name="classes"/>).</summary>
    /// <exception cref="InvalidDataException">The file is not such a label file; the message names it and what is wrong.</exception>
    public static byte[] ReadLabels(string file, int classes)
    {
        var bytes = ReadAll(file);
        var count = Header(file, bytes, LabelsMagic, "labels", 1);
        var labels = Body(file, bytes, 8, count);
        var bad = Array.FindIndex(labels, l => l >= classes);
        if (bad >= 0)
        {
            throw Bad(file, $"label {bad} is {labels[bad]}, outside 0..{classes - 1}");
        }

        return labels;
    }

    private static byte[] ReadAll(string file)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"IDX file '{file}' does not exist", file);
        }

        var gzip = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        byte[]? bytes;
        try
        {
            using var raw = File.OpenRead(file);
            using var stream = gzip ? new GZipStream(raw, CompressionMode.Decompress) : (Stream)raw;
            bytes = ReadAtMost(stream, MaxBytes);
        }
        catch (InvalidDataException e)
        {
            throw Bad(file, $"it is not a readable gzip file ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Bad(file, $"it cannot be read ({e.Message})");
        }

        return bytes ?? throw Bad(file, $"it holds more than {MaxBytes >> 20} MiB{(gzip ? " once decompressed" : "")}, more than an IDX file read here may");
    }

    // The bytes of the stream, or null when it holds more than `limit`.
    private static byte[]? ReadAtMost(Stream stream, long limit)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[1 << 16];
        for (int read; (read = stream.Read(buffer)) > 0;)
        {
            if (memory.Length + read > limit)
            {
                return null;
            }

            memory.Write(buffer, 0, read);
        }

        return memory.ToArray();
    }

    private static int Header(string file, byte[] bytes, int magic, string what, int dimensions)
    {
        var headerLength = 4 + (4 * dimensions);
        if (bytes.Length < headerLength)
        {
            throw Bad(file, $"it is truncated: {bytes.Length} bytes cannot hold the {headerLength}-byte header of an IDX {what} file");
        }

        var found = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (found != magic)
        {
            throw Bad(file, $"magic number 0x{found:X8} is not 0x{magic:X8} (IDX {what}: unsigned bytes, {dimensions} dimension{(dimensions == 1 ? "" : "s")})");
        }

        var count = Dimension(bytes, 0);
        if (count < 0)
        {
            throw Bad(file, $"it declares a negative count {count}");
        }

        return count;
    }

    private static int Dimension(byte[] bytes, int index) => BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + (4 * index)));

    private static byte[] Body(string file, byte[] bytes, int offset, long length)
    {
        var actual = bytes.Length - offset;
        if (actual < length)
        {
            throw Bad(file, $"it is truncated: the header promises {length} data bytes, the file holds {actual}");
        }

        if (actual > length)
        {
            throw Bad(file, $"it has {actual - length} bytes after the {length} data bytes its header promises");
        }

        return bytes[offset..];
    }

    private static InvalidDataException Bad(string file, string problem) => new($"IDX file '{file}': {problem}");
}
