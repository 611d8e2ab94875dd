using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;

namespace OrleansGan.Core.Tests.Data;

/// <summary>MNIST from IDX files: good files read back exactly, and every kind of broken file is refused by name.</summary>
public class IdxReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_folder_of_training_files_reads_back_every_image_and_label(bool gzip)
    {
        using var files = new IdxFiles();
        var suffix = gzip ? ".gz" : "";
        files.Write("train-images-idx3-ubyte" + suffix, IdxFiles.Images(3, 28, 28, IdxFiles.Pixels(3)), gzip);
        files.Write("train-labels-idx1-ubyte" + suffix, IdxFiles.Labels([7, 0, 9]), gzip);

        var digits = MnistDigits.FromFolder(files.Folder);

        Assert.Equal(3, digits.Count);
        Assert.Equal(new byte[] { 7, 0, 9 }, digits.Labels.ToArray());
        Assert.Equal(IdxFiles.Pixels(3), digits.Pixels.ToArray());
        var scaled = digits.Scaled(1, 1);
        Assert.All(scaled, v => Assert.Equal((11 / 127.5f) - 1, v, 6));
    }

    [Fact]
    public void The_test_set_is_read_when_there_is_no_training_set()
    {
        using var files = new IdxFiles();
        files.Write("t10k-images-idx3-ubyte", IdxFiles.Images(2, 28, 28, IdxFiles.Pixels(2)));
        files.Write("t10k-labels-idx1-ubyte.gz", IdxFiles.Labels([4, 5]), gzip: true);

        Assert.Equal(new byte[] { 4, 5 }, MnistDigits.FromFolder(files.Folder).Labels.ToArray());
    }

    [Fact]
    public void Pixels_map_to_minus_one_and_one_at_the_ends()
    {
        Assert.Equal(-1f, MnistDigits.ToValue(0));
        Assert.Equal(1f, MnistDigits.ToValue(255));
        Assert.Equal((byte)0, MnistDigits.ToPixel(-3f));
        Assert.Equal((byte)255, MnistDigits.ToPixel(1f));
        Assert.Equal((byte)128, MnistDigits.ToPixel(MnistDigits.ToValue(128)));
    }

    public static TheoryData<string, byte[], string> BrokenImageFiles() => new()
    {
        { "wrong magic", IdxFiles.Images(2, 28, 28, IdxFiles.Pixels(2), magic: 0x00000801), "magic number 0x00000801 is not 0x00000803" },
        { "wrong size", IdxFiles.Images(2, 32, 32, new byte[2 * 32 * 32]), "images are 32x32, expected 28x28" },
        { "truncated body", IdxFiles.Images(2, 28, 28, IdxFiles.Pixels(2)[..1000]), "truncated: the header promises 1568 data bytes, the file holds 1000" },
        { "truncated header", [0, 0, 8, 3, 0, 0], "truncated: 6 bytes cannot hold the 16-byte header" },
        { "trailing bytes", IdxFiles.Images(1, 28, 28, IdxFiles.Pixels(2)), "784 bytes after the 784 data bytes" },
        { "negative count", IdxFiles.Images(-1, 28, 28, []), "negative count -1" },
    };

    [Theory]
    [MemberData(nameof(BrokenImageFiles))]
    public void A_broken_image_file_is_refused_naming_the_file_and_the_problem(string why, byte[] bytes, string problem)
    {
        using var files = new IdxFiles();
        var path = files.Write("train-images-idx3-ubyte", bytes);
        files.Write("train-labels-idx1-ubyte", IdxFiles.Labels([1, 2]));

        var error = Assert.Throws<InvalidDataException>(() => MnistDigits.FromFolder(files.Folder));

        Assert.Contains(path, error.Message);
        Assert.True(error.Message.Contains(problem, StringComparison.Ordinal), $"{why}: {error.Message}");
    }

    [Fact]
    public void Labels_that_are_not_digits_or_do_not_match_the_images_are_refused()
    {
        using var files = new IdxFiles();
        files.Write("train-images-idx3-ubyte", IdxFiles.Images(2, 28, 28, IdxFiles.Pixels(2)));
        var labels = files.Write("train-labels-idx1-ubyte", IdxFiles.Labels([1, 12]));
        var notDigit = Assert.Throws<InvalidDataException>(() => MnistDigits.FromFolder(files.Folder));
        Assert.Contains($"IDX file '{labels}': label 1 is 12, outside 0..9", notDigit.Message);

        files.Write("train-labels-idx1-ubyte", IdxFiles.Labels([1, 2, 3]));
        var mismatch = Assert.Throws<InvalidDataException>(() => MnistDigits.FromFolder(files.Folder));
        Assert.Contains("holds 2 images but", mismatch.Message);
        Assert.Contains("holds 3 labels", mismatch.Message);

        files.Write("train-labels-idx1-ubyte", IdxFiles.Labels([1, 2], magic: 0x00000803));
        Assert.Contains("magic number 0x00000803 is not 0x00000801", Assert.Throws<InvalidDataException>(() => MnistDigits.FromFolder(files.Folder)).Message);
    }

    [Fact]
    public void A_missing_or_unreadable_file_is_named()
    {
        using var files = new IdxFiles();
        Assert.Contains("holds no MNIST IDX files", Assert.Throws<InvalidDataException>(() => MnistDigits.FromFolder(files.Folder)).Message);

        files.Write("train-images-idx3-ubyte", IdxFiles.Images(2, 28, 28, IdxFiles.Pixels(2)));
        Assert.Contains("not its labels file train-labels-idx1-ubyte", Assert.Throws<InvalidDataException>(() => MnistDigits.FromFolder(files.Folder)).Message);

        var bad = files.Write("train-labels-idx1-ubyte.gz", [1, 2, 3, 4, 5]);
        var error = Assert.Throws<InvalidDataException>(() => MnistDigits.FromFolder(files.Folder));
        Assert.Contains(bad, error.Message);
        Assert.Contains("not a readable gzip file", error.Message);

        var missing = Path.Combine(files.Folder, "nowhere");
        Assert.Contains("data.path", Assert.Throws<DirectoryNotFoundException>(() => MnistDigits.FromFolder(missing)).Message);
    }

    [Fact]
    public void A_spec_with_a_data_path_samples_the_folders_digits()
    {
        using var files = new IdxFiles();
        files.Write("train-images-idx3-ubyte", IdxFiles.Images(3, 28, 28, IdxFiles.Pixels(3)));
        files.Write("train-labels-idx1-ubyte", IdxFiles.Labels([7, 0, 9]));

        var data = RealData.For(new DataSpec(DataKind.Mnist, files.Folder));

        Assert.Equal(files.Folder, Path.GetDirectoryName(((MnistDigits)data).Source));
        Assert.Equal(3, ((MnistDigits)data).Count);
    }
}
