using System.Collections.Concurrent;
using System.Security.Cryptography;
using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Core.Data;

/// <summary>
/// Handwritten digits (LeCun et al. 1998) as real data: each sample is a 28x28 grey image flattened row by row to
/// 784 values, its pixels scaled from [0, 255] to [-1, 1] so that a tanh generator can reach them, and its class is
/// its digit. A minibatch draws digits uniformly with replacement from the player's stream, so it is reproducible.
/// </summary>
public sealed class MnistDigits : RealData
{
    /// <summary>Rows and columns of an image.</summary>
    public const int Side = 28;

    /// <summary>Values per sample: 28 x 28 pixels.</summary>
    public const int PixelCount = Side * Side;

    /// <summary>The ten digits.</summary>
    public const int DigitCount = 10;

    private static readonly ConcurrentDictionary<string, Lazy<MnistDigits>> Loaded = new();
    private readonly byte[] _pixels;
    private readonly byte[] _labels;
    private readonly Lazy<string> _hash;
    private readonly Lazy<(Tensor Samples, Tensor Labels)> _tables;
    private readonly ConcurrentDictionary<DataPart, MnistDigits> _parts = new();

    /// <summary>Digits from raw pixels (row-major [count, 784], 0 = background) and their labels (0-9).</summary>
    public MnistDigits(byte[] pixels, byte[] labels, string source)
    {
        if (labels.Length == 0 || pixels.Length != (long)labels.Length * PixelCount)
        {
            throw new ArgumentException($"{pixels.Length} pixels do not make {labels.Length} images of {PixelCount}", nameof(pixels));
        }

        if (labels.Any(l => l >= DigitCount))
        {
            throw new ArgumentException("a label is not a digit 0-9", nameof(labels));
        }

        _pixels = pixels;
        _labels = labels;
        Source = source;
        _hash = new(() => Convert.ToHexString(SHA256.HashData([.. labels, .. pixels])).ToLowerInvariant());

        // Built once per data set and kept out of every dispose scope: moves sample from it concurrently.
        _tables = new(() =>
        {
            var samples = tensor(Scaled(0, Count), [Count, PixelCount]).DetachFromDisposeScope();
            var classes = tensor(labels.Select(l => (long)l).ToArray(), [Count]).DetachFromDisposeScope();
            return (samples, classes);
        });
    }

    /// <inheritdoc />
    public override int Dimension => PixelCount;

    /// <inheritdoc />
    public override int ClassCount => DigitCount;

    /// <summary>Number of digits.</summary>
    public int Count => _labels.Length;

    /// <summary>Where the digits came from (a folder, or the npm package).</summary>
    public string Source { get; }

    /// <summary>Raw pixels, row-major [count, 784], 0-255.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>The digit of each image.</summary>
    public ReadOnlySpan<byte> Labels => _labels;

    /// <summary>SHA-256 of the labels and pixels, lower-case hex: names everything derived from these digits.</summary>
    public string ContentHash => _hash.Value;

    /// <summary>The digits a spec names: the IDX files in <c>data.path</c>, or the npm package's digits without it. Loaded once per process.</summary>
    public static new MnistDigits For(DataSpec data)
    {
        var key = data.Path is null ? "" : Path.GetFullPath(data.Path);
        var lazy = Loaded.GetOrAdd(key, k => new Lazy<MnistDigits>(() => k.Length == 0 ? MnistPackage.Load() : FromFolder(k)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed load is not remembered: the files or the network may be fixed by the next game.
            Loaded.TryRemove(new KeyValuePair<string, Lazy<MnistDigits>>(key, lazy));
            throw;
        }
    }

    /// <summary>
    /// Reads MNIST from the IDX files in <paramref name="folder"/>: the training set (train-images-idx3-ubyte,
    /// train-labels-idx1-ubyte) when present, else the test set (t10k-*); each name may also end in .gz.
    /// </summary>
    /// <exception cref="InvalidDataException">The files are missing, malformed, or do not match each other.</exception>
    public static MnistDigits FromFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"data.path: folder '{folder}' does not exist");
        }

        foreach (var set in new[] { "train", "t10k" })
        {
            var images = Find(folder, $"{set}-images-idx3-ubyte");
            var labels = Find(folder, $"{set}-labels-idx1-ubyte");
            if (images is null && labels is null)
            {
                continue;
            }

            if (images is null || labels is null)
            {
                throw new InvalidDataException($"data.path: '{folder}' has {Path.GetFileName(images ?? labels)} but not its "
                    + $"{(images is null ? "images" : "labels")} file {set}-{(images is null ? "images-idx3" : "labels-idx1")}-ubyte[.gz]");
            }

            var pixels = IdxReader.ReadImages(images, Side, Side);
            var digits = IdxReader.ReadLabels(labels, DigitCount);
            if (pixels.Length / PixelCount != digits.Length)
            {
                throw new InvalidDataException($"data.path: '{images}' holds {pixels.Length / PixelCount} images but '{labels}' holds {digits.Length} labels");
            }

            if (digits.Length == 0)
            {
                throw new InvalidDataException($"data.path: '{images}' holds no images");
            }

            return new MnistDigits(pixels, digits, images);
        }

        throw new InvalidDataException($"data.path: '{folder}' holds no MNIST IDX files (looked for train-images-idx3-ubyte and "
            + "train-labels-idx1-ubyte, or t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each optionally .gz)");
    }

    /// <summary>Digits <paramref name="start"/> .. start + count - 1, pixels scaled to [-1, 1], row-major.</summary>
    public float[] Scaled(int start, int count)
    {
        var values = new float[(long)count * PixelCount];
        var source = _pixels.AsSpan(start * PixelCount, count * PixelCount);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ToValue(source[i]);
        }

        return values;
    }

    /// <summary>The digits whose index i has i mod Count = Index (built once per part; the part's own minibatches draw from it alone).</summary>
    public override RealData Part(DataPart part)
    {
        part.Validate();
        if (part.Count == 1)
        {
            return this;
        }

        return _parts.GetOrAdd(part, p =>
        {
            var indices = Enumerable.Range(0, Count).Where(i => i % p.Count == p.Index).ToArray();
            if (indices.Length == 0)
            {
                throw new ArgumentException($"data part {p.Index} of {p.Count} of {Count} digits is empty", nameof(part));
            }

            var pixels = new byte[(long)indices.Length * PixelCount];
            for (var k = 0; k < indices.Length; k++)
            {
                _pixels.AsSpan(indices[k] * PixelCount, PixelCount).CopyTo(pixels.AsSpan(k * PixelCount, PixelCount));
            }

            return new MnistDigits(pixels, indices.Select(i => _labels[i]).ToArray(), $"{Source} (part {p.Index} of {p.Count})");
        });
    }

    /// <summary>A pixel 0-255 as a sample value in [-1, 1].</summary>
    public static float ToValue(byte pixel) => (pixel / 127.5f) - 1f;

    /// <summary>A sample value as a pixel 0-255 (values outside [-1, 1] are clipped).</summary>
    public static byte ToPixel(float value) =>
        float.IsNaN(value) ? (byte)0 : (byte)Math.Clamp(MathF.Round((value + 1f) * 127.5f), 0f, 255f);

    /// <inheritdoc />
    public override (Tensor Samples, Tensor Labels) SampleLabeled(int count, Generator generator, Device device)
    {
        using var scope = NewDisposeScope();
        var (samples, labels) = _tables.Value;
        var which = randint(0, Count, [count], dtype: ScalarType.Int64, generator: generator);
        return (samples.index_select(0, which).to(device).MoveToOuterDisposeScope(),
            labels.index_select(0, which).to(device).MoveToOuterDisposeScope());
    }

    private static string? Find(string folder, string name) =>
        new[] { name, name + ".gz", name.Replace("-idx", ".idx", StringComparison.Ordinal), name.Replace("-idx", ".idx", StringComparison.Ordinal) + ".gz" }
            .Select(n => Path.Combine(folder, n))
            .FirstOrDefault(File.Exists);
}
