using System.Globalization;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>A recipe of docs/recipes runs from its file unchanged (shortened by a flag) and reports PacGAN's figures.</summary>
public class RecipeRunTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansgan-recipe-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private static string Recipe(string file)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "OrleansGan.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("no OrleansGan.sln above the tests"), "docs", "recipes", file);
    }

    [Fact]
    public async Task PacGAN2_on_the_ring_runs_from_its_recipe_and_writes_the_reverse_KL()
    {
        // Its 100,000-sample dataset, maxout discriminator on packs of 2 and bias-free batch-normalised generator.
        var (exit, output, errors) = await CommandLine.InvokeAsync("run", "--spec", Recipe("pacgan/pacgan2-ring.yaml"),
            "--rounds", "6", "--eval-every", "3", "--out", _folder);
        Assert.True(exit == 0, output + errors);
        Assert.Contains("pacgan2-ring", output);

        var lines = await File.ReadAllLinesAsync(Path.Combine(_folder, "evaluations.csv"));
        var header = lines[0].Split(',');
        var column = Array.IndexOf(header, "reverse_kl");
        Assert.Equal(new[] { "0", "3", "6" }, lines.Skip(1).Select(r => r.Split(',')[0]));

        // Where any of the 2,500 samples is high-quality the reverse KL lies in [0, log 8]; where none is, the cell is empty.
        Assert.All(lines.Skip(1), r =>
        {
            var cells = r.Split(',');
            var quality = double.Parse(cells[Array.IndexOf(header, "high_quality_fraction")], CultureInfo.InvariantCulture);
            if (quality > 0)
            {
                Assert.InRange(double.Parse(cells[column], CultureInfo.InvariantCulture), 0, Math.Log(8) + 1e-12);
            }
            else
            {
                Assert.Equal("", cells[column]);
            }
        });
        Assert.Contains("\"size\": 100000", await File.ReadAllTextAsync(Path.Combine(_folder, "spec.json")));
    }
}
