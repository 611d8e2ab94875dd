using System.Globalization;
using SkiaSharp;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>
/// A short game on MNIST through the grains with MLP players: the evaluations carry the classifier's figures and the
/// run folder gets the digit grids. Uses the data cache (the digits download and the classifier trains once per machine).
/// </summary>
public sealed class MnistRunEndToEndTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansgan-mnist-run-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_short_mnist_game_reports_class_shares_and_a_frechet_distance_and_draws_digit_grids()
    {
        var (exit, output, errors) = await CommandLine.InvokeAsync(
            "run", "--data", "mnist", "--set", "generator.outputSize=784", "--set", "discriminator.inputSize=784",
            "--rounds", "20", "--batch", "32", "--g-hidden", "64", "--d-hidden", "64", "--eval-every", "10", "--eval-samples", "300",
            "--out", _folder);
        Assert.True(exit == 0, output + errors);
        Assert.Contains("Fréchet distance", output);

        var lines = await File.ReadAllLinesAsync(Path.Combine(_folder, "evaluations.csv"));
        var header = lines[0].Split(',');
        Assert.Equal(new[] { "0", "10", "20" }, lines.Skip(1).Select(r => r.Split(',')[0]));
        foreach (var row in lines.Skip(1).Select(r => r.Split(',')))
        {
            double Field(string name) => double.Parse(row[Array.IndexOf(header, name)], CultureInfo.InvariantCulture);
            Assert.Equal(10, Field("mode_count"));
            var shares = Enumerable.Range(0, 10).Select(c => Field($"class_{c}_share")).ToArray();
            Assert.Equal(1.0, shares.Sum(), 9);
            Assert.Equal(shares.Count(s => s * 300 >= 20), Field("modes_covered"));
            Assert.True(double.IsFinite(Field("frechet_distance")) && Field("frechet_distance") > 0);
            Assert.InRange(Field("mean_confidence"), 0.1, 1.0);
            Assert.Equal("", row[Array.IndexOf(header, "class_accuracy")]);
        }

        using var grid = SKBitmap.Decode(Path.Combine(_folder, "digits-round-000020.png"));
        Assert.Equal(2 + (8 * ((28 * 3) + 2)), grid.Width);
        Assert.Equal(grid.Width, grid.Height);
        using var first = SKBitmap.Decode(Path.Combine(_folder, "digits-round-000000.png"));
        Assert.NotEqual(first.Bytes, grid.Bytes);
        using var progress = SKBitmap.Decode(Path.Combine(_folder, "digits-progress.png"));
        Assert.Equal(2 + (3 * ((28 * 3) + 2)), progress.Height);
        Assert.Equal(2 + (16 * ((28 * 3) + 2)), progress.Width);
    }

    [Fact]
    public async Task A_conditional_dcgan_game_reports_the_class_accuracy_of_its_generator()
    {
        var (exit, output, errors) = await CommandLine.InvokeAsync(
            "run", "--data", "mnist", "--set", "stabilizers.classLabels=conditional",
            "--set", "generator.network=dcgan", "--set", "generator.hidden=[8, 4]", "--set", "generator.outputSize=784",
            "--set", "discriminator.network=dcgan", "--set", "discriminator.hidden=[4, 8]", "--set", "discriminator.inputSize=784",
            "--rounds", "4", "--batch", "16", "--eval-every", "2", "--eval-samples", "200", "--out", _folder);
        Assert.True(exit == 0, output + errors);
        Assert.Contains("class accuracy (G(z, y) classified as y)", output);

        var lines = await File.ReadAllLinesAsync(Path.Combine(_folder, "evaluations.csv"));
        var header = lines[0].Split(',');
        var column = Array.IndexOf(header, "class_accuracy");
        Assert.True(column > 0, lines[0]);
        Assert.Equal(new[] { "0", "2", "4" }, lines.Skip(1).Select(r => r.Split(',')[0]));
        Assert.All(lines.Skip(1), r =>
        {
            // 200 samples, 20 asked for each digit: the accuracy is a count of hits over 200; images have no reverse KL.
            var cells = r.Split(',');
            Assert.Equal("", cells[Array.IndexOf(header, "reverse_kl")]);
            var accuracy = double.Parse(cells[column], CultureInfo.InvariantCulture);
            Assert.InRange(accuracy, 0, 1);
            Assert.Equal(Math.Round(accuracy * 200), accuracy * 200, 9);
        });
    }
}
