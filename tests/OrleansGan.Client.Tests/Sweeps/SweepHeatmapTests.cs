using System.Globalization;
using OrleansGan.Client.Sweeps;
using OrleansGan.Client.Tests.BadInput;
using OrleansGan.Core.Sweeps;
using ScottPlot;
using ScottPlot.Plottables;

namespace OrleansGan.Client.Tests.Sweeps;

/// <summary>
/// The sweep heatmap: one panel with its own colour scale per data set (8 modes on the ring and 25 on the grid on one
/// scale painted one of them flat), titles that fit their panel, and none for a sweep of one varied axis. Drawn from
/// a results set written as finished games leave it (summary.txt, evaluations.csv), with figures chosen so that each
/// panel's range is known.
/// </summary>
public sealed class SweepHeatmapTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_protocol_by_data_sweep_gets_one_panel_and_colour_scale_per_data_set()
    {
        var results = Results("""
            name: heat
            spec: { rounds: 100, evaluation: { every: 100 } }
            axes:
              data.kind: [ring8, grid25]
              protocol: [simultaneous, alternating, consensus]
              seed: 1..3
            figures: [modes_covered]
            """, game => game.Levels["data.kind"] == "ring8"
                ? 2 + Array.IndexOf(["simultaneous", "alternating", "consensus"], game.Levels["protocol"]) * 3 + int.Parse(game.Levels["seed"], CultureInfo.InvariantCulture)
                : 10 + Array.IndexOf(["simultaneous", "alternating", "consensus"], game.Levels["protocol"]) * 5 + int.Parse(game.Levels["seed"], CultureInfo.InvariantCulture));

        var layout = SweepHeatmap.LayoutOf(results);
        Assert.NotNull(layout);
        Assert.Equal(["data.kind"], layout.Panels.Select(a => a.Name));
        Assert.Equal("protocol", layout.Rows.Name);
        Assert.Null(layout.Columns);

        var (picture, width, height) = SweepHeatmap.Draw("modes_covered", results, layout);
        var panels = Enumerable.Range(0, 2).Select(picture.GetPlot).ToList();

        // Medians over seeds 1-3 (the middle seed, 2): ring 4, 7, 10; grid 12, 17, 22. Each panel spans its own.
        var ring = panels[0].GetPlottables<Heatmap>().Single();
        var grid = panels[1].GetPlottables<Heatmap>().Single();
        Assert.Equal((4.0, 10.0), (ring.DataRange.Min, ring.DataRange.Max));
        Assert.Equal((12.0, 22.0), (grid.DataRange.Min, grid.DataRange.Max));
        Assert.All(panels, p => Assert.Single(p.Axes.GetPanels().OfType<ScottPlot.Panels.ColorBar>()));
        Assert.Contains("data.kind=ring8", panels[0].Axes.Title.Label.Text, StringComparison.Ordinal);
        Assert.Contains("data.kind=grid25", panels[1].Axes.Title.Label.Text, StringComparison.Ordinal);
        Assert.Contains("median over 3 seeds", panels[1].Axes.Title.Label.Text, StringComparison.Ordinal);
        TitlesFit(panels, width / 2);

        // The picture itself, as the sweep folder gets it.
        var path = _temp.Sub("heatmap.png");
        SweepHeatmap.Save(path, "modes_covered", results, layout);
        var png = File.ReadAllBytes(path);
        Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    [Fact]
    public void Two_axes_on_one_data_set_make_one_two_dimensional_panel_and_one_axis_none()
    {
        var results = Results("""
            name: heat2
            spec: { rounds: 100, evaluation: { every: 100 } }
            axes:
              loss: [non-saturating, hinge, least-squares]
              stabilizers.r1: [0, 10]
              seed: 1..2
            figures: [high_quality_fraction]
            """, game => game.Levels["loss"].Length / 100.0);
        var layout = SweepHeatmap.LayoutOf(results);
        Assert.NotNull(layout);
        Assert.Empty(layout.Panels);
        Assert.Equal(("loss", "stabilizers.r1"), (layout.Rows.Name, layout.Columns?.Name));
        var (picture, width, _) = SweepHeatmap.Draw("high_quality_fraction", results, layout);
        var panel = picture.GetPlot(0);
        Assert.Equal((0.05, 0.14), (Math.Round(panel.GetPlottables<Heatmap>().Single().DataRange.Min, 6), Math.Round(panel.GetPlottables<Heatmap>().Single().DataRange.Max, 6)));
        TitlesFit([panel], width);

        var one = Results("""
            name: heat3
            spec: { rounds: 100, evaluation: { every: 100 } }
            axes:
              loss: [non-saturating, hinge]
              seed: 1..2
            figures: [modes_covered]
            """, _ => 1);
        Assert.Null(SweepHeatmap.LayoutOf(one));
    }

    // Each title, measured as ScottPlot draws it, fits in its panel's width with the row labels beside the cells.
    private static void TitlesFit(IReadOnlyList<Plot> panels, int panelWidth)
    {
        using var paint = Paint.NewDisposablePaint();
        foreach (var panel in panels)
        {
            var title = panel.Axes.Title.Label.Measure(paint).Width;
            Assert.True(title + 40 <= panelWidth, $"the title '{panel.Axes.Title.Label.Text}' ({title:F0} px) does not fit a panel {panelWidth} px wide");
        }
    }

    // A sweep folder for the sweep text whose every game finished with one evaluation at round 100 of figure(game).
    private SweepResults Results(string sweepText, Func<SweepPlan.Game, double> figure)
    {
        var sweep = SweepFileReader.Parse(sweepText, "heat.yaml", "heat", _temp.Path);
        var games = SweepExpansion.Games(sweep);
        var plan = SweepPlan.For($"{sweep.Name}-test", sweep, games, sweep.Figures!);
        var folder = SweepFolder.Open(_temp.Sub(sweep.Name), sweepText, plan, dryRun: false);
        foreach (var game in folder.Plan.Games)
        {
            var run = folder.RunFolderOf(game);
            Directory.CreateDirectory(run);
            File.WriteAllText(Path.Combine(run, "summary.txt"), "state: finished\nrounds/s: 100\n");
            var value = figure(game).ToString("R", CultureInfo.InvariantCulture);
            File.WriteAllText(Path.Combine(run, "evaluations.csv"), $"round,modes_covered,high_quality_fraction\n0,0,0\n100,{value},{value}\n");
        }

        return SweepResults.Read(folder);
    }
}
