using OrleansGan.Core.Sweeps;
using ScottPlot;

namespace OrleansGan.Client.Sweeps;

/// <summary>
/// A sweep's pictures: each figure over the rounds per configuration (the median over its seeds, with a band from
/// their minimum to their maximum), and for a sweep of two or more axes besides the seed, a heatmap of each figure's
/// final median (<see cref="SweepHeatmap"/>).
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

        if (SweepHeatmap.LayoutOf(results) is { } layout)
        {
            foreach (var figure in results.Plan.Figures)
            {
                var name = $"heatmap-{figure}.png";
                folder.WriteFile(name, path => SweepHeatmap.Save(path, figure, results, layout));
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

    private static string Safe(string text) => new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '=' ? c : '-').ToArray());
}
