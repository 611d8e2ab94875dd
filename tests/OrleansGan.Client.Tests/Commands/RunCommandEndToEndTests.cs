using System.Globalization;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>A short game on the embedded silo leaves a complete run folder behind.</summary>
public class RunCommandEndToEndTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansgan-run-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Run_writes_spec_metrics_pictures_and_summary()
    {
        var (exit, output, errors) = await CommandLine.InvokeAsync(
            "run", "--rounds", "60", "--batch", "64", "--protocol", "alternating(2,1)", "--loss", "minimax",
            "--g-hidden", "32,32", "--d-hidden", "32,32", "--eval-every", "20", "--eval-samples", "500", "--out", _folder);
        Assert.True(exit == 0, output + errors);
        Assert.Contains("finished", output);
        Assert.Contains("modes covered", output);
        Assert.Contains("alternating(2,1)", output);

        var rounds = await File.ReadAllLinesAsync(Path.Combine(_folder, "rounds.csv"));
        Assert.Equal(61, rounds.Length);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => i.ToString(CultureInfo.InvariantCulture)), rounds.Skip(1).Select(r => r.Split(',')[0]));
        Assert.All(rounds.Skip(1), r => Assert.All(r.Split(',').Skip(1), v => Assert.True(double.IsFinite(double.Parse(v, CultureInfo.InvariantCulture)))));

        var evaluations = await File.ReadAllLinesAsync(Path.Combine(_folder, "evaluations.csv"));
        Assert.Equal(new[] { "0", "20", "40", "60" }, evaluations.Skip(1).Select(r => r.Split(',')[0]));
        Assert.All(evaluations.Skip(1), r => Assert.Equal("8", r.Split(',')[2]));

        foreach (var picture in new[] { "curves.png", "samples-round-000000.png", "samples-round-000060.png" })
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(_folder, picture));
            Assert.True(bytes.Length > 5_000, $"{picture} is only {bytes.Length} bytes");
            Assert.Equal(PngSignature, bytes.Take(8));
        }

        var spec = await File.ReadAllTextAsync(Path.Combine(_folder, "spec.json"));
        Assert.Contains("\"discriminatorSteps\": 2", spec);
        Assert.Contains("\"loss\": \"minimax\"", spec);
        Assert.Contains("state: finished", await File.ReadAllTextAsync(Path.Combine(_folder, "summary.txt")));
    }

    [Theory]
    [InlineData("unrolled(2)", "unrolled(2)")]
    [InlineData("consensus(0.5)", "consensus(0.5)")]
    [InlineData("extragradient", "extragradient")]
    [InlineData("optimistic", "optimistic")]
    public async Task Every_protocol_runs_by_name(string protocol, string shown)
    {
        var (exit, output, errors) = await CommandLine.InvokeAsync("run", "--protocol", protocol, "--rounds", "8", "--batch", "16",
            "--g-hidden", "8", "--d-hidden", "8", "--eval-every", "4", "--eval-samples", "100", "--out", Path.Combine(_folder, protocol));
        Assert.True(exit == 0, output + errors);
        Assert.Contains(shown, output);
        Assert.Equal(9, (await File.ReadAllLinesAsync(Path.Combine(_folder, protocol, "rounds.csv"))).Length);
    }

    [Fact]
    public async Task A_known_game_runs_from_the_command_line()
    {
        var (exit, output, errors) = await CommandLine.InvokeAsync("run", "--game", "bilinear", "--protocol", "extragradient",
            "--lr-g", "0.2", "--lr-d", "0.2", "--rounds", "200", "--out", _folder);
        Assert.True(exit == 0, output + errors);
        var rows = await File.ReadAllLinesAsync(Path.Combine(_folder, "rounds.csv"));
        Assert.Equal(201, rows.Length);
        Assert.EndsWith(",parameter_0,parameter_1", rows[0]);

        // Extragradient spirals into the bilinear game's equilibrium: the distance shrinks.
        static double Distance(string row) => Math.Sqrt(row.Split(',')[^2..].Select(v => Math.Pow(double.Parse(v, CultureInfo.InvariantCulture), 2)).Sum());
        Assert.True(Distance(rows[^1]) < 0.5 * Distance(rows[1]), $"{rows[1]} -> {rows[^1]}");
    }

    [Fact]
    public async Task The_saved_spec_replays_the_same_game()
    {
        var first = Path.Combine(_folder, "first");
        var second = Path.Combine(_folder, "second");
        var (exit1, out1, errors1) = await CommandLine.InvokeAsync("run", "--rounds", "30", "--batch", "32", "--g-hidden", "16", "--d-hidden", "16",
            "--eval-every", "15", "--eval-samples", "200", "--seed", "11", "--out", first);
        Assert.True(exit1 == 0, out1 + errors1);
        var (exit2, out2, errors2) = await CommandLine.InvokeAsync("run", "--spec", Path.Combine(first, "spec.json"), "--out", second);
        Assert.True(exit2 == 0, out2 + errors2);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(first, "rounds.csv")), await File.ReadAllTextAsync(Path.Combine(second, "rounds.csv")));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(first, "evaluations.csv")), await File.ReadAllTextAsync(Path.Combine(second, "evaluations.csv")));
    }
}
