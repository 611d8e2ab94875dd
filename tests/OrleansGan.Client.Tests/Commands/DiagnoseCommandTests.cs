using System.Globalization;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>
/// A game with a diagnostics section diagnoses itself during play and leaves each diagnosis in its run folder;
/// diagnose finds the same numbers again from the snapshots it kept; bad requests are refused with exit code 2.
/// </summary>
public class DiagnoseCommandTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // Small players and a cheap diagnosis: the machinery, not the numbers, is under test here.
    private static readonly string[] Cheap =
    [
        "--set", "diagnostics.every=20", "--set", "diagnostics.batchSize=64", "--set", "diagnostics.chunks=4",
        "--set", "diagnostics.eigenvalues=4", "--set", "diagnostics.extremeEigenvalues=2", "--set", "diagnostics.maxRestarts=20",
        "--set", "diagnostics.dualityGap.steps=20", "--set", "diagnostics.dualityGap.scoreBatches=2",
        "--set", "diagnostics.pathAngle.points=5", "--set", "diagnostics.precision=float32",
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansgan-diagnose-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_game_diagnoses_itself_and_diagnose_finds_the_same_spectra_from_its_snapshots()
    {
        var run = Path.Combine(_folder, "run");
        var (exit, output, errors) = await CommandLine.InvokeAsync(
            [.. new[] { "run", "--rounds", "40", "--batch", "64", "--g-hidden", "32,32", "--d-hidden", "32,32", "--eval-every", "20", "--eval-samples", "200", "--out", run }, .. Cheap]);
        Assert.True(exit == 0, output + errors);
        var series = await File.ReadAllLinesAsync(Path.Combine(run, "diagnoses.csv"));
        Assert.Equal(["20", "40"], series.Skip(1).Select(r => r.Split(',')[0]));
        foreach (var file in new[] { "diagnosis.md", "eigenvalues.csv", "path-angle.csv", "jacobian-eigenvalues.png", "hessian-spectra.png", "path-angle.png" })
        {
            Assert.True(File.Exists(Path.Combine(run, "diagnosis-round-000040", file)), $"{file} is missing");
        }

        Assert.Equal(PngSignature, (await File.ReadAllBytesAsync(Path.Combine(run, "diagnoses-over-rounds.png"))).Take(8));
        var inGame = await File.ReadAllLinesAsync(Path.Combine(run, "diagnosis-round-000020", "eigenvalues.csv"));

        // Afterwards, from the kept snapshots of rounds 20 and 40: the spectra are the same numbers (same batch, seeds).
        var later = Path.Combine(_folder, "later");
        (exit, output, errors) = await CommandLine.InvokeAsync([.. new[] { "diagnose", "--run", run, "--round", "20,40", "--out", later }, .. Cheap.Skip(2)]);
        Assert.True(exit == 0, output + errors);
        Assert.Equal("", errors);
        Assert.Contains("round 20:", output);
        Assert.Contains("round 20: J, largest |lambda| done", output);
        Assert.Contains("round 40: duality gap", output);
        Assert.Contains("round 40:", output);
        var again = await File.ReadAllLinesAsync(Path.Combine(later, "round-000020", "eigenvalues.csv"));
        Assert.Equal(inGame, again);
        Assert.Equal(3, (await File.ReadAllLinesAsync(Path.Combine(later, "diagnoses.csv"))).Length);
        Assert.Equal(PngSignature, (await File.ReadAllBytesAsync(Path.Combine(later, "over-rounds.png"))).Take(8));
        var markdown = await File.ReadAllTextAsync(Path.Combine(later, "round-000040", "diagnosis.md"));
        Assert.Contains("| stationary |", markdown);
        Assert.Contains("Duality gap (std 0, 20 steps per copy)", markdown);
        Assert.All(series.Skip(1), row => Assert.True(double.IsFinite(double.Parse(row.Split(',')[4], CultureInfo.InvariantCulture))));

        // Bad requests: a round with no kept checkpoint, a field outside the diagnostics section, options that do not fit.
        (exit, output, errors) = await CommandLine.InvokeAsync("diagnose", "--run", run, "--round", "30", "--out", Path.Combine(_folder, "x"));
        Assert.Equal(2, exit);
        Assert.Contains("kept no checkpoint at round 30", errors);
        Assert.DoesNotContain("kept no checkpoint", output);
        (exit, output, errors) = await CommandLine.InvokeAsync("diagnose", "--run", run, "--set", "rounds=5", "--out", Path.Combine(_folder, "y"));
        Assert.Equal(2, exit);
        Assert.Contains("diagnostics.path=value", errors);
        (exit, output, errors) = await CommandLine.InvokeAsync("diagnose", "--run", run, "--set", "diagnostics.chunks=3", "--out", Path.Combine(_folder, "z"));
        Assert.Equal(2, exit);
        Assert.Contains("diagnostics.batchSize", errors);
        (exit, output, errors) = await CommandLine.InvokeAsync("diagnose", "--run", later, "--out", later);
        Assert.Equal(2, exit);
        Assert.Contains("no game-id.txt", errors);
        (exit, output, errors) = await CommandLine.InvokeAsync("diagnose", "--run", run, "--out", later);
        Assert.Equal(2, exit);
        Assert.Contains("not empty", errors);
        (exit, output, errors) = await CommandLine.InvokeAsync("diagnose");
        Assert.Equal(2, exit);
        Assert.Contains("diagnose needs --run", errors);
    }
}
