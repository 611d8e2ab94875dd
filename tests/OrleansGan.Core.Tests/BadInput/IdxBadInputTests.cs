using System.IO.Compression;
using OrleansGan.Core.Data;
using OrleansGan.Core.Tests.Data;

namespace OrleansGan.Core.Tests.BadInput;

/// <summary>
/// IDX files whose numbers ask for more than they hold, or far more than memory holds, are refused from their header
/// and from the first bytes beyond it, without reading (or decompressing) the rest; Data/IdxReaderTests covers the
/// ordinary damage (magic numbers, truncation, labels that are not digits).
/// </summary>
public sealed class IdxBadInputTests : IDisposable
{
    private readonly IdxFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_header_that_promises_more_than_the_bound_is_refused_before_reading_the_body()
    {
        var path = _files.Write("train-images-idx3-ubyte", IdxFiles.Images(int.MaxValue, 28, 28, IdxFiles.Pixels(1)));
        _files.Write("train-labels-idx1-ubyte", IdxFiles.Labels([1]));
        var error = Assert.Throws<InvalidDataException>(() => MnistDigits.FromFolder(_files.Folder));
        Assert.Contains(path, error.Message);
        Assert.Contains($"more than an IDX file read here may hold ({IdxReader.MaxBytes:N0})", error.Message);
    }

    [Fact]
    public void A_gzip_bomb_after_a_small_header_is_refused_after_reading_only_a_little()
    {
        // One image, then 200 MB of zeros that compress to a few hundred KB.
        var path = Path.Combine(_files.Folder, "train-images-idx3-ubyte.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(IdxFiles.Images(1, 28, 28, IdxFiles.Pixels(1)));
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 200; i++)
            {
                gzip.Write(zeros);
            }
        }

        _files.Write("train-labels-idx1-ubyte", IdxFiles.Labels([1]));
        var before = GC.GetTotalAllocatedBytes();
        var error = Assert.Throws<InvalidDataException>(() => MnistDigits.FromFolder(_files.Folder));
        Assert.Contains(path, error.Message);
        Assert.Contains("has more than 1048576 bytes after the 784 data bytes", error.Message);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 64L << 20, "the reader must stop after the header's promise and a little more");
    }

    [Fact]
    public void A_folder_where_a_file_is_due_and_a_file_where_the_folder_is_due_are_named()
    {
        Directory.CreateDirectory(Path.Combine(_files.Folder, "train-images-idx3-ubyte"));
        _files.Write("train-labels-idx1-ubyte", IdxFiles.Labels([1]));
        Assert.Contains("not its images file", Assert.Throws<InvalidDataException>(() => MnistDigits.FromFolder(_files.Folder)).Message);

        var file = _files.Write("plain.txt", [1, 2, 3]);
        Assert.Contains($"folder '{file}' does not exist", Assert.Throws<DirectoryNotFoundException>(() => MnistDigits.FromFolder(file)).Message);
    }

    [Fact]
    public void Images_without_labels_and_empty_files_are_refused_by_name()
    {
        var images = _files.Write("t10k-images-idx3-ubyte", IdxFiles.Images(0, 28, 28, []));
        _files.Write("t10k-labels-idx1-ubyte", IdxFiles.Labels([]));
        Assert.Contains($"'{images}' holds no images", Assert.Throws<InvalidDataException>(() => MnistDigits.FromFolder(_files.Folder)).Message);

        var empty = _files.Write("t10k-images-idx3-ubyte", []);
        Assert.Contains($"IDX file '{empty}': it is truncated: 0 bytes", Assert.Throws<InvalidDataException>(() => MnistDigits.FromFolder(_files.Folder)).Message);
    }
}
