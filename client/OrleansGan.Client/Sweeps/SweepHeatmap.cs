using System.Text.Json.Nodes;
using OrleansGan.Core.Sweeps;
using ScottPlot;

namespace OrleansGan.Client.Sweeps;

/// <summary>
/// A figure's final median over the sweep's varied axes, as a heatmap. A figure means different things on different
/// data (8 modes on the ring, 25 on the grid; a Fréchet distance on MNIST), so one colour scale over two data sets
/// paints one of them flat: the heatmap has one panel, each with its own colour scale and colour bar, per value of
/// the axes that change the data (and of any varied axes beyond the two a panel can show); the panel's cells are the
/// remaining one or two axes.
/// </summary>
internal static class SweepHeatmap
{
    private const int MaxPanels = 12;

    /// <summary>How a heatmap is cut: the panels' axes and the axes of a panel's rows and (optionally) columns.</summary>
    internal sealed record Layout(IReadOnlyList<SweepPlan.Axis> Panels, SweepPlan.Axis Rows, SweepPlan.Axis? Columns);

    /// <summary>
    /// The layout for <paramref name="results"/>, or null when there is none to draw: fewer than two varied axes, only
    /// data axes, or more than <see cref="MaxPanels"/> panels.
    /// </summary>
    public static Layout? LayoutOf(SweepResults results)
    {
        var varied = results.ConfigurationAxes.Where(a => a.Values.Count > 1).ToList();
        var cells = varied.Where(a => !ChangesData(results.Plan, a)).ToList();
        if (varied.Count < 2 || cells.Count == 0)
        {
            return null;
        }

        // The last two non-data axes make a panel's cells (the one with more values down the rows, where labels fit),
        // every other varied axis a panel each.
        var shown = cells.TakeLast(2).OrderBy(a => a.Values.Count).ToList();
        var panels = varied.Except(shown).ToList();
        var count = panels.Aggregate(1L, (n, a) => n * a.Values.Count);
        return count > MaxPanels ? null : new Layout(panels, shown[^1], shown.Count == 2 ? shown[0] : null);
    }

    /// <summary>Draws <paramref name="figure"/>'s heatmap at <paramref name="path"/>.</summary>
    public static void Save(string path, string figure, SweepResults results, Layout layout)
    {
        var (multi, width, height) = Draw(figure, results, layout);
        multi.SavePng(path, width, height);
    }

    /// <summary>The panels of <paramref name="figure"/>'s heatmap, and the picture's size in pixels.</summary>
    internal static (Multiplot Picture, int Width, int Height) Draw(string figure, SweepResults results, Layout layout)
    {
        var keys = layout.Panels.Aggregate((IEnumerable<IReadOnlyList<(string Axis, string Value)>>)[[]],
            (acc, axis) => acc.SelectMany(k => axis.Values.Select(v => (IReadOnlyList<(string, string)>)[.. k, (axis.Name, v)]))).ToList();
        var columns = layout.Columns?.Values ?? [""];
        var multi = new Multiplot();
        multi.AddPlots(keys.Count);
        multi.Layout = new ScottPlot.MultiplotLayouts.Grid(1, keys.Count);
        var titleWidth = 0f;
        using var paint = Paint.NewDisposablePaint();
        for (var p = 0; p < keys.Count; p++)
        {
            var games = results.Games.Where(g => keys[p].All(k => g.Game.Levels[k.Axis] == k.Value)).ToList();
            var title = keys[p].Count == 0 ? figure : $"{figure}, {string.Join(", ", keys[p].Select(k => $"{k.Axis}={k.Value}"))}";
            var plot = multi.GetPlot(p);
            Panel(plot, title, figure, games, layout.Rows, layout.Columns, columns);
            titleWidth = Math.Max(titleWidth, plot.Axes.Title.Label.Measure(paint).Width);
        }

        // Wide enough for each panel's row labels, cells and colour bar, and for its title, which ScottPlot centres
        // over the cells (right of the panel's middle by about half the row labels' width) and cuts at the edge.
        var rowLabels = 60 + (8 * layout.Rows.Values.Max(v => v.Length));
        var panelWidth = Math.Max(rowLabels + 90 + (110 * columns.Count), (int)Math.Ceiling(titleWidth) + rowLabels + 40);
        return (multi, panelWidth * keys.Count, 230 + (55 * layout.Rows.Values.Count));
    }

    private static void Panel(Plot plot, string title, string figure, IReadOnlyList<SweepResults.Played> games, SweepPlan.Axis rows, SweepPlan.Axis? columnAxis, IReadOnlyList<string> columns)
    {
        var seeds = games.GroupBy(g => string.Join(",", g.Game.Levels.Where(l => l.Key != SweepAxis.SeedAxis).Select(l => l.Value))).Select(c => c.Count()).DefaultIfEmpty(0).Max();
        var cells = new double[rows.Values.Count, columns.Count];
        for (var r = 0; r < rows.Values.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var values = games
                    .Where(g => g.Game.Levels[rows.Name] == rows.Values[r] && (columnAxis is null || g.Game.Levels[columnAxis.Name] == columns[c]))
                    .Select(g => g.Final(figure)).OfType<double>().ToList();
                cells[r, c] = values.Count == 0 ? double.NaN : SweepResults.Median(values);

                // Row r of the data is drawn r rows from the top.
                var label = plot.Add.Text(values.Count == 0 ? "-" : SweepResults.Number(cells[r, c]), c, rows.Values.Count - 1 - r);
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontSize = 14;
                label.LabelBackgroundColor = Colors.White.WithAlpha(0.6);
            }
        }

        var map = plot.Add.Heatmap(cells);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        var known = cells.Cast<double>().Where(double.IsFinite).ToList();
        if (known.Count > 0 && known.Min() == known.Max())
        {
            // One value everywhere: a range around it, or the colour bar has no scale to draw.
            map.ManualRange = new ScottPlot.Range(known.Min() - 0.5, known.Max() + 0.5);
        }

        plot.MoveToBack(map);
        plot.Add.ColorBar(map);
        plot.Axes.Bottom.SetTicks(columnAxis is null ? [] : columns.Select((_, i) => (double)i).ToArray(), columnAxis is null ? [] : columns.ToArray());
        plot.Axes.Left.SetTicks(rows.Values.Select((_, i) => (double)(rows.Values.Count - 1 - i)).ToArray(), rows.Values.ToArray());
        plot.Axes.SetLimits(-0.5, columns.Count - 0.5, -0.5, rows.Values.Count - 0.5);
        plot.Axes.Bottom.Label.Text = columnAxis?.Name ?? "";
        plot.Axes.Left.Label.Text = rows.Name;

        // Two short lines rather than one that runs past the edge: what and where, then how it was summarized.
        plot.Title($"{title}\nlast evaluation{(seeds > 1 ? $", median over {seeds} {SweepAxis.SeedAxis}s" : "")}");
    }

    // An axis changes the data when its values give games of different data kinds (an axis on data.kind, or one
    // whose levels set it among other paths).
    private static bool ChangesData(SweepPlan plan, SweepPlan.Axis axis) =>
        plan.Games.GroupBy(g => g.Levels[axis.Name])
            .Select(values => string.Join(",", values.Select(DataKind).Distinct().Order(StringComparer.Ordinal)))
            .Distinct().Count() > 1;

    private static string DataKind(SweepPlan.Game game) => (game.Spec["data"] as JsonObject)?["kind"]?.ToString() ?? "";
}
