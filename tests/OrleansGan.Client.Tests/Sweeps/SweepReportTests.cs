using System.Globalization;
using System.Text.RegularExpressions;
using OrleansGan.Client.Tests.BadInput;
using OrleansGan.Client.Tests.Commands;

namespace OrleansGan.Client.Tests.Sweeps;

/// <summary>
/// A sweep folder's report.html: written with the aggregates, it opens from disk (pictures embedded, nothing fetched),
/// lists every game with its final figures as results.csv has them, and links each to its own run's report.html.
/// </summary>
public partial class SweepReportTests : IDisposable
{
    private const string Sweep = """
        name: tiny-report
        spec:
          rounds: 20
          batchSize: 32
          generator: { hidden: [16] }
          discriminator: { hidden: [16] }
          evaluation: { every: 10, samples: 200 }
        axes:
          seed: 1..2
        """;

    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_sweep_folder_gets_a_page_linking_every_game_report_with_its_figures()
    {
        var file = _temp.Write("tiny-report.yaml", Sweep);
        var folder = Path.Combine(_temp.Path, "out");
        var (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", file, "--out", folder, "--parallel", "1");
        Assert.True(exit == 0, output + errors);
        Assert.Contains("report.html", output);

        var page = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        Assert.DoesNotContain("http", ReportCommandTests.WithoutData(page).Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);

        // Every game's link opens its run's own report.html, beside the sweep's page.
        var links = GameReport().Matches(page).Select(m => Uri.UnescapeDataString(m.Groups[1].Value)).ToList();
        var games = Directory.GetDirectories(Path.Combine(folder, "games")).Order().Select(g => $"games/{Path.GetFileName(g)}/report.html").ToList();
        Assert.Equal(2, games.Count);
        Assert.Equal(games, links);
        Assert.All(links, l => Assert.True(File.Exists(Path.Combine(folder, l)), $"{l} does not exist"));

        // Each row's final figures are results.csv's last evaluation of that game.
        var csv = (await File.ReadAllLinesAsync(Path.Combine(folder, "results.csv"))).Select(l => l.Split(',')).ToList();
        var column = Array.IndexOf(csv[0], "high_quality_fraction");
        foreach (var game in new[] { "0", "1" })
        {
            var last = csv.Skip(1).Last(r => r[0] == game);
            var expected = double.Parse(last[column], CultureInfo.InvariantCulture);
            var row = Row(page, game);
            Assert.Contains("finished", row);
            Assert.Contains($"<td>{Short(expected)}</td>", row);
        }

        // The sweep's pictures are embedded, byte for byte.
        var figure = "figure-high_quality_fraction.png";
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(folder, figure)), ReportCommandTests.Embedded(page, figure));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(await File.ReadAllTextAsync(Path.Combine(folder, "summary.md"))), page);
    }

    private static string Row(string page, string game)
    {
        var start = page.IndexOf($"<tr><td>{game}</td>", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for game {game}");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    // As SweepResults.Number writes a figure.
    private static string Short(double value) => OrleansGan.Client.Sweeps.SweepResults.Number(value);

    [GeneratedRegex("class=\"game-report\" href=\"([^\"]+)\"")]
    private static partial Regex GameReport();
}
