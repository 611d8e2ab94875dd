using System.Globalization;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>The analysis command predicts, measures and draws; bad input is refused by name.</summary>
public class AnalyzeCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansgan-analyze-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Analysis_writes_prediction_measurement_and_phase_portrait()
    {
        var (exit, output, errors) = await CommandLine.InvokeAsync("analyze", "--games", "bilinear", "--protocols", "simultaneous,extragradient", "--lr", "0.2", "--out", _folder);
        Assert.True(exit == 0, output + errors);
        Assert.Equal("", errors);
        var rows = (await File.ReadAllLinesAsync(Path.Combine(_folder, "analysis.csv"))).Skip(1).Select(r => r.Split(',')).ToList();
        Assert.Equal(2, rows.Count);

        // Simultaneous descent spirals out of the bilinear game's equilibrium at sqrt(1 + eta^2); extragradient spirals in.
        var simultaneous = rows.Single(r => r[2] == "simultaneous");
        Assert.Equal("diverges", simultaneous[4]);
        Assert.Equal(Math.Sqrt(1.04), double.Parse(simultaneous[3], CultureInfo.InvariantCulture), 6);
        Assert.Equal(Math.Sqrt(1.04), double.Parse(simultaneous[5], CultureInfo.InvariantCulture), 3);
        Assert.Equal("converges", rows.Single(r => r[2] == "extragradient")[4]);

        var picture = await File.ReadAllBytesAsync(Path.Combine(_folder, "phase-bilinear-lr0.200.png"));
        Assert.True(picture.Length > 10_000);
        Assert.Contains("| bilinear | 0.200 | extragradient |", await File.ReadAllTextAsync(Path.Combine(_folder, "analysis.md")));

        // In a pipe the table is tab-separated lines, no word broken across lines ("simultane / ous" before).
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("game\tlr\tprotocol\tpredicted rho\tverdict", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("bilinear\t0.200\tsimultaneous\t", StringComparison.Ordinal));
        Assert.Contains($"results: {_folder}", lines.Select(l => l.Trim()));
    }

    [Theory]
    [InlineData("--games", "rock-paper-scissors", "unknown game 'rock-paper-scissors'")]
    [InlineData("--protocols", "leapfrog", "protocol.kind")]
    [InlineData("--protocols", "unrolled(-1)", "protocol.unrollSteps")]
    [InlineData("--protocols", "consensus(1,2)", "consensus takes 1 argument")]
    [InlineData("--lr", "0", "--lr")]
    public async Task Bad_analysis_input_is_refused_by_name(string flag, string value, string expected)
    {
        var (exit, output, errors) = await CommandLine.InvokeAsync("analyze", flag, value, "--out", _folder);
        Assert.Equal(2, exit);
        Assert.Contains(expected, errors);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(_folder));
    }
}
