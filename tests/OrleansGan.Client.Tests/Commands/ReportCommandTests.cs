using SixLabors.ImageSharp;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>
/// report turns a run folder into its field pictures, its animation and report.html; a folder that is not a run, a
/// damaged checkpoint or a bad flag is refused with exit code 2 and nothing in the folder changes.
/// </summary>
public class ReportCommandTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansgan-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_run_folder_gets_its_field_pictures_animation_and_page()
    {
        var run = Path.Combine(_folder, "run");
        var (exit, output, errors) = await CommandLine.InvokeAsync("run", "--rounds", "60", "--batch", "64", "--g-hidden", "32,32", "--d-hidden", "32,32",
            "--eval-every", "20", "--eval-samples", "256", "--set", "checkpoint.every=30", "--out", run);
        Assert.True(exit == 0, output + errors);

        // run wrote the page itself: a field picture per evaluation, the latest one on the page, every evaluation a frame.
        Assert.Equal(["field-round-000000.png", "field-round-000020.png", "field-round-000040.png", "field-round-000060.png"],
            Directory.GetFiles(run, "field-round-*.png").Select(Path.GetFileName).Order());
        var written = await File.ReadAllTextAsync(Path.Combine(run, "report.html"));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(run, "field-round-000060.png")), Embedded(written, "field-round-000060.png"));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(run, "curves.png")), Embedded(written, "curves.png"));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(run, "training.gif")), Embedded(written, "training.gif"));
        Assert.Contains("the field at round 60, the latest evaluation", written);
        Assert.Equal(5, written.Split("<tr><td>").Length);
        using (var gif = await Image.LoadAsync(Path.Combine(run, "training.gif")))
        {
            Assert.Equal(4, gif.Frames.Count);
            Assert.Equal((1200, 800), (gif.Width, gif.Height));
        }

        (exit, output, errors) = await CommandLine.InvokeAsync("report", "--run", run, "--frames", "3", "--cells", "24");
        Assert.True(exit == 0, output + errors);
        Assert.Contains($"results: {Path.Combine(run, "report.html")}", output);
        Assert.Equal(PngSignature, (await File.ReadAllBytesAsync(Path.Combine(run, "field-round-000060.png"))).Take(8));

        // Four evaluations (rounds 0, 20, 40, 60), at most three frames: the first, the last and one between.
        using (var gif = await Image.LoadAsync(Path.Combine(run, "training.gif")))
        {
            Assert.Equal(3, gif.Frames.Count);
            Assert.Equal(1200, gif.Width);
        }

        var page = await File.ReadAllTextAsync(Path.Combine(run, "report.html"));
        Assert.Contains("data:image/gif;base64,", page);
        Assert.Contains("data-file=\"field-round-000060.png\"", page);
        Assert.Contains("data-file=\"curves.png\"", page);
        Assert.Contains("<table id=\"evaluations\">", page);
        Assert.Equal(5, page.Split("<tr><td>").Length); // a row per evaluation, plus the text before the first
        Assert.DoesNotContain("src=\"file:", page);
        Assert.DoesNotContain("http", WithoutData(page).Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // A damaged checkpoint is refused, naming it, and the page already there stays as it was.
        var checkpoint = Directory.GetFiles(Path.Combine(run, "checkpoints"), "checkpoint.bin", SearchOption.AllDirectories).Single();
        var bytes = await File.ReadAllBytesAsync(checkpoint);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(checkpoint, bytes);
        (exit, output, errors) = await CommandLine.InvokeAsync("report", "--run", run);
        Assert.Equal(2, exit);
        Assert.Contains("damaged or truncated", errors);
        Assert.DoesNotContain("results:", output);
        Assert.Equal(page, await File.ReadAllTextAsync(Path.Combine(run, "report.html")));
    }

    [Fact]
    public async Task With_a_field_every_fourth_evaluation_run_draws_those_and_the_last_and_animates_them()
    {
        var run = Path.Combine(_folder, "fourth");
        var (exit, output, errors) = await CommandLine.InvokeAsync("run", "--rounds", "100", "--batch", "32", "--g-hidden", "8", "--d-hidden", "8",
            "--eval-every", "10", "--eval-samples", "100", "--field-every", "4", "--out", run);
        Assert.True(exit == 0, output + errors);
        Assert.Equal(12, File.ReadAllLines(Path.Combine(run, "evaluations.csv")).Length); // a header and 11 evaluations
        Assert.Equal(["field-round-000000.png", "field-round-000040.png", "field-round-000080.png", "field-round-000100.png"],
            Directory.GetFiles(run, "field-round-*.png").Select(Path.GetFileName).Order());
        using (var gif = await Image.LoadAsync(Path.Combine(run, "training.gif")))
        {
            Assert.Equal(4, gif.Frames.Count); // only evaluations with a field, so every frame has its heatmap
        }

        Assert.Contains("the field at round 100, the latest evaluation", await File.ReadAllTextAsync(Path.Combine(run, "report.html")));
    }

    [Fact]
    public async Task Without_fields_a_long_run_animates_an_even_spread_of_at_most_60_evaluations()
    {
        var run = Path.Combine(_folder, "nofield");
        var (exit, output, errors) = await CommandLine.InvokeAsync("run", "--rounds", "130", "--batch", "32", "--g-hidden", "8", "--d-hidden", "8",
            "--eval-every", "1", "--eval-samples", "64", "--field-every", "0", "--set", "checkpoint.every=0", "--out", run);
        Assert.True(exit == 0, output + errors);
        Assert.Empty(Directory.GetFiles(run, "field-round-*.png"));
        Assert.Equal(131, Directory.GetFiles(run, "samples-round-*.png").Length);
        using var gif = await Image.LoadAsync(Path.Combine(run, "training.gif"));
        Assert.Equal(60, gif.Frames.Count);
        var page = await File.ReadAllTextAsync(Path.Combine(run, "report.html"));
        Assert.Equal(132, page.Split("<tr><td>").Length); // every evaluation in the table, though not every one is a frame
    }

    [Fact]
    public async Task Report_rebuilds_the_diagnoses_up_to_the_latest_checkpoint_from_the_games_diagnosis_log()
    {
        var run = Path.Combine(_folder, "diagnosed");
        var (exit, output, errors) = await CommandLine.InvokeAsync(["run", "--rounds", "60", "--batch", "32", "--g-hidden", "16", "--d-hidden", "16",
            "--eval-every", "30", "--eval-samples", "200", "--set", "checkpoint.every=60", .. CheapDiagnosis.Flags(20), "--out", run]);
        Assert.True(exit == 0, output + errors);
        var series = await File.ReadAllTextAsync(Path.Combine(run, "diagnoses.csv"));
        var tables = Directory.GetDirectories(run, "diagnosis-round-*").Order(StringComparer.Ordinal)
            .ToDictionary(d => Path.GetFileName(d), d => File.ReadAllText(Path.Combine(d, "eigenvalues.csv")));
        Assert.Equal(["diagnosis-round-000020", "diagnosis-round-000040", "diagnosis-round-000060"], tables.Keys);

        // As a client killed before it wrote them leaves the folder: no diagnosis files, no series, no picture of it.
        foreach (var place in Directory.GetDirectories(run, "diagnosis-round-*"))
        {
            Directory.Delete(place, recursive: true);
        }

        File.Delete(Path.Combine(run, "diagnoses.csv"));
        File.Delete(Path.Combine(run, "diagnoses-over-rounds.png"));

        (exit, output, errors) = await CommandLine.InvokeAsync("report", "--run", run);
        Assert.True(exit == 0, output + errors);
        Assert.Equal(series, await File.ReadAllTextAsync(Path.Combine(run, "diagnoses.csv")));
        Assert.Equal(tables, Directory.GetDirectories(run, "diagnosis-round-*").Order(StringComparer.Ordinal)
            .ToDictionary(d => Path.GetFileName(d), d => File.ReadAllText(Path.Combine(d, "eigenvalues.csv"))));
        Assert.True(File.Exists(Path.Combine(run, "diagnoses-over-rounds.png")));
        Assert.Contains("diagnoses-over-rounds.png", await File.ReadAllTextAsync(Path.Combine(run, "report.html")));
    }

    /// <summary>The page without its embedded pictures (base64 may spell anything, "http" too).</summary>
    internal static string WithoutData(string page) => System.Text.RegularExpressions.Regex.Replace(page, "src=\"data:[^\"]*\"", "src=\"\"");

    /// <summary>The bytes of the picture a report page embeds for <paramref name="file"/>.</summary>
    internal static byte[] Embedded(string page, string file)
    {
        var at = page.IndexOf($"data-file=\"{file}\" src=\"data:", StringComparison.Ordinal);
        Assert.True(at >= 0, $"the page embeds no {file}");
        var start = page.IndexOf("base64,", at, StringComparison.Ordinal) + "base64,".Length;
        return Convert.FromBase64String(page[start..page.IndexOf('"', start)]);
    }

    [Fact]
    public async Task What_is_not_a_run_folder_or_a_flag_out_of_range_is_refused()
    {
        Directory.CreateDirectory(_folder);
        var (exit, output, errors) = await CommandLine.InvokeAsync("report", "--run", Path.Combine(_folder, "missing"));
        Assert.Equal(2, exit);
        Assert.Contains("is not a folder", errors);
        Assert.Equal("", output);
        (exit, _, errors) = await CommandLine.InvokeAsync("report", "--run", _folder);
        Assert.Equal(2, exit);
        Assert.Contains("has no spec.json", errors);
        (exit, _, errors) = await CommandLine.InvokeAsync("report", "--run", _folder, "--frames", "0");
        Assert.Equal(2, exit);
        Assert.Contains("--frames", errors);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }
}
