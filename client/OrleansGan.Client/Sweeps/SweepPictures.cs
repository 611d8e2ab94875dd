using OrleansGan.Core.Sweeps;
using ScottPlot;

namespace OrleansGan.Client.Sweeps;

/// <summary>
/// A sweep's pictures: each figure over the rounds per configuration (the median over its seeds, with a band from
/// their minimum to their maximum), and for a sweep of two axes besides the seed, a heatmap of each figure's final
/// median over the two.
/// </summary>
internal static class SweepPictures
{
    private const int MaxLinesPerPicture = 10;

    /// <summary>Writes every picture into <paramref name="folder"/>; returns their names.</summary>
    public static IReadOnlyList<string> Write(SweepFolder folder, SweepResults results)
    {
        var written = new List<string>();
        var configurations = results.Configurations().Where(c => c.Any(g => g.Evaluations.Count > 0)).ToList();
        if (configurations.Count == 0)
        {
            return written;
        }

        // Too many lines read as none: past ten, one picture per value of the first axis.
        var axes = results.ConfigurationAxes;
        var groups = configurations.Count <= MaxLinesPerPicture || axes.Count < 2
            ? [("", configurations)]
            : configurations.GroupBy(c => c[0].Game.Levels[axes[0].Name]).Select(g => ($"-{Safe(axes[0].Name)}={Safe(g.Key)}", g.ToList())).ToList();
        foreach (var figure in results.Plan.Figures)
        {
            foreach (var (suffix, group) in groups)
            {
                var name = $"figure-{figure}{suffix}.png";
                folder.WriteFile(name, path => OverRounds(path, figure, group, suffix.TrimStart('-')));
                written.Add(name);
            }
        }

        var varied = axes.Where(a => a.Values.Count > 1).ToList();
        if (varied.Count == 2)
        {
            foreach (var figure in results.Plan.Figures)
            {
                var name = $"heatmap-{figure}.png";
                folder.WriteFile(name, path => Heatmap(path, figure, results, varied[0], varied[1]));
                written.Add(name);
            }
        }

        return written;
    }

    private static void OverRounds(string path, string figure, IReadOnlyList<IReadOnlyList<SweepResults.Played>> configurations, string subtitle)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var c = 0; c < configurations.Count; c++)
        {
            var games = configurations[c].Where(g => g.Evaluations.Count > 0).ToList();
            var rounds = games.SelectMany(g => g.Evaluations.Select(e => e.Round)).Distinct().Order().ToArray();
            var points = rounds.Select(r => (Round: (double)r, Values: games
                    .Select(g => g.Evaluations.FirstOrDefault(e => e.Round == r).Figures?.GetValueOrDefault(figure))
                    .OfType<double>().ToList()))
                .Where(p => p.Values.Count > 0)
                .ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var xs = points.Select(p => p.Round).ToArray();
            var color = palette.GetColor(c);
            if (games.Count > 1)
            {
                var band = plot.Add.FillY(xs, points.Select(p => p.Values.Min()).ToArray(), points.Select(p => p.Values.Max()).ToArray());
                band.FillColor = color.WithAlpha(0.2);
                band.LineColor = Colors.Transparent;
            }

            var line = plot.Add.Scatter(xs, points.Select(p => SweepResults.Median(p.Values)).ToArray());
            line.Color = color;
            line.MarkerSize = 5;
            line.LegendText = configurations[c][0].Configuration is { Length: > 0 } label ? label : "all games";
        }

        var seeds = configurations.Max(c => c.Count);
        plot.Title($"{SweepFigures.All[figure]}{(subtitle.Length > 0 ? $" ({subtitle})" : "")}");
        plot.Axes.Bottom.Label.Text = "round";
        plot.Axes.Left.Label.Text = seeds > 1 ? $"{figure}: median over seeds, band min-max" : figure;
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1000, 650);
    }

    private static void Heatmap(string path, string figure, SweepResults results, SweepPlan.Axis columns, SweepPlan.Axis rows)
    {
        var cells = new double[rows.Values.Count, columns.Values.Count];
        var plot = new Plot();
        for (var r = 0; r < rows.Values.Count; r++)
        {
            for (var c = 0; c < columns.Values.Count; c++)
            {
                var values = results.Games
                    .Where(g => g.Game.Levels[rows.Name] == rows.Values[r] && g.Game.Levels[columns.Name] == columns.Values[c])
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
        plot.MoveToBack(map);
        plot.Add.ColorBar(map);
        plot.Axes.Bottom.SetTicks(columns.Values.Select((_, i) => (double)i).ToArray(), columns.Values.ToArray());
        plot.Axes.Left.SetTicks(rows.Values.Select((_, i) => (double)(rows.Values.Count - 1 - i)).ToArray(), rows.Values.ToArray());
        plot.Axes.SetLimits(-0.5, columns.Values.Count - 0.5, -0.5, rows.Values.Count - 0.5);
        plot.Axes.Bottom.Label.Text = columns.Name;
        plot.Axes.Left.Label.Text = rows.Name;
        plot.Title($"{figure}: last evaluation, median over seeds");
        plot.SavePng(path, Math.Max(500, 250 + (130 * columns.Values.Count)), 220 + (60 * rows.Values.Count));
    }

    private static string Safe(string text) => new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '=' ? c : '-').ToArray());
}
