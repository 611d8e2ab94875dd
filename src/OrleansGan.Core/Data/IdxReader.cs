using System.Buffers.Binary;
using System.IO.Compression;

namespace OrleansGan.Core.Data;

/// <summary>
/// Reads the IDX files MNIST is published in (LeCun et al.): a big-endian magic number whose third byte is the
/// element type (0x08: unsigned byte) and whose fourth is the number of dimensions, then each dimension as a
/// big-endian int32, then the elements. Files ending in .gz are decompressed as they are read. Every problem names
/// the file. The header is read first and only as many bytes as it promises are read after it (plus a little, to say
/// how many are left over), so a header that promises terabytes or a gzip bomb is refused before it fills memory.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an image file: unsigned bytes, 3 dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of a label file: unsigned bytes, 1 dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>The most data bytes an IDX file may promise (MNIST's 60,000 training images take 47 MB).</summary>
    public const long MaxBytes = 1L << 30;

    // Bytes read beyond what the header promises, to tell how many are left over.
    private const int Slack = 1 << 20;

    /// <summary>Reads an image file of <paramref name="rows"/> x <paramref name="columns"/> images; returns the pixels, row-major [count, rows * columns].</summary>
    /// <exception cref="InvalidDataException">The file is not such an image file; the message names it and what is wrong.</exception>
    public static byte[] ReadImages(string file, int rows, int columns) => Read(file, ImagesMagic, "images", 3, dimensions =>
    {
        var (r, c) = (dimensions[1], dimensions[2]);
        return r != rows || c != columns ? $"images are {r}x{c}, expected {rows}x{columns}" : null;
    });

    /// <summary>Reads a label file whose labels lie in [0, <paramref name="classes"/>).</summary>
    /// <exception cref="InvalidDataException">The file is not such a label file; the message names it and what is wrong.</exception>
    public static byte[] ReadLabels(string file, int classes)
    {
        var labels = Read(file, LabelsMagic, "labels", 1, _ => null);
        var bad = Array.FindIndex(labels, l => l >= classes);
        if (bad >= 0)
        {
            throw Bad(file, $"label {bad} is {labels[bad]}, outside 0..{classes - 1}");
        }

        return labels;
    }

    private static byte[] Read(string file, int magic, string what, int dimensionCount, Func<int[], string?> checkShape)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"IDX file '{file}' does not exist", file);
        }

        try
        {
            using var raw = File.OpenRead(file);
            using var stream = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(raw, CompressionMode.Decompress) : (Stream)raw;
            var headerLength = 4 + (4 * dimensionCount);
            var header = ReadUpTo(stream, headerLength, file);
            if (header.Length < headerLength)
            {
                throw Bad(file, $"it is truncated: {header.Length} bytes cannot hold the {headerLength}-byte header of an IDX {what} file");
            }

            var found = BinaryPrimitives.ReadInt32BigEndian(header);
            if (found != magic)
            {
                throw Bad(file, $"magic number 0x{found:X8} is not 0x{magic:X8} (IDX {what}: unsigned bytes, {dimensionCount} dimension{(dimensionCount == 1 ? "" : "s")})");
            }

            var dimensions = Enumerable.Range(0, dimensionCount).Select(i => BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + (4 * i)))).ToArray();
            if (dimensions[0] < 0)
            {
                throw Bad(file, $"it declares a negative count {dimensions[0]}");
            }

            if (checkShape(dimensions) is { } shapeProblem)
            {
                throw Bad(file, shapeProblem);
            }

            var length = dimensions.Aggregate(1L, (product, d) => product * d);
            if (length > MaxBytes)
            {
                throw Bad(file, $"its header promises {length:N0} data bytes, more than an IDX file read here may hold ({MaxBytes:N0})");
            }

            var body = ReadUpTo(stream, length + Slack, file);
            if (body.Length < length)
            {
                throw Bad(file, $"it is truncated: the header promises {length} data bytes, the file holds {body.Length}");
            }

            if (body.Length > length)
            {
                var more = body.Length == length + Slack && ReadUpTo(stream, 1, file).Length > 0 ? "more than " : "";
                throw Bad(file, $"it has {more}{body.Length - length} bytes after the {length} data bytes its header promises");
            }

            return body;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Bad(file, $"it cannot be read ({e.Message})");
        }
    }

    // At most `limit` bytes of the stream, fewer when it ends first.
    private static byte[] ReadUpTo(Stream stream, long limit, string file)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[(int)Math.Min(1 << 16, Math.Max(1, limit))];
        try
        {
            while (memory.Length < limit)
            {
                var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - memory.Length));
                if (read == 0)
                {
                    break;
                }

                memory.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw Bad(file, $"it is not a readable gzip file ({e.Message})");
        }

        return memory.ToArray();
    }

    private static InvalidDataException Bad(string file, string problem) => new($"IDX file '{file}': {problem}");
}
