using System.Globalization;
using System.Text;
using OrleansGan.Client.Runs;
using OrleansGan.Core.Sweeps;

namespace OrleansGan.Client.Sweeps;

/// <summary>
/// A sweep's results as its run folders hold them (so they can be aggregated again at any time, from the files alone):
/// each game's state, rounds/s and evaluations, written as a tidy results.csv (one row per game and evaluation, a
/// column per axis and figure) and summarized per configuration in summary.md (medians with min-max over seeds at each
/// game's last evaluation, and each seed's values).
/// </summary>
internal sealed class SweepResults
{
    public const string CsvFile = "results.csv", SummaryFile = "summary.md";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private SweepResults(SweepPlan plan, IReadOnlyList<Played> games)
    {
        Plan = plan;
        Games = games;
    }

    public SweepPlan Plan { get; }

    public IReadOnlyList<Played> Games { get; }

    /// <summary>Axes other than the seed: they make the configurations.</summary>
    public IReadOnlyList<SweepPlan.Axis> ConfigurationAxes => Plan.Axes.Where(a => a.Name != SweepAxis.SeedAxis).ToList();

    /// <summary>One game's results: its state ("finished", "failed: ...", "not run"), rounds/s, and its evaluations' figures by round.</summary>
    internal sealed record Played(SweepPlan.Game Game, string State, double? RoundsPerSecond, IReadOnlyList<(int Round, IReadOnlyDictionary<string, double?> Figures)> Evaluations)
    {
        /// <summary>The game's configuration: its axis values but the seed.</summary>
        public string Configuration => string.Join(", ", Game.Levels.Where(l => l.Key != SweepAxis.SeedAxis).Select(l => $"{l.Key}={l.Value}"));

        /// <summary>A figure at the last evaluation, when the game has one.</summary>
        public double? Final(string figure) => Evaluations.Count == 0 ? null : Evaluations[^1].Figures.GetValueOrDefault(figure);
    }

    /// <summary>Reads every game's run folder.</summary>
    public static SweepResults Read(SweepFolder folder)
    {
        var games = folder.Plan.Games.Select(game =>
        {
            var run = folder.RunFolderOf(game);
            var summary = Path.Combine(run, RunFolder.SummaryFile);
            var lines = File.Exists(summary) ? File.ReadAllLines(summary) : [];
            var state = lines.FirstOrDefault(l => l.StartsWith("state: ", StringComparison.Ordinal))?["state: ".Length..]
                ?? (Directory.Exists(run) ? "interrupted" : "not run");
            var rate = lines.FirstOrDefault(l => l.StartsWith("rounds/s: ", StringComparison.Ordinal)) is { } r
                && double.TryParse(r["rounds/s: ".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : (double?)null;
            return new Played(game, state, rate, Evaluations(Path.Combine(run, RunFolder.EvaluationsFile), folder.Plan.Figures));
        }).ToList();
        return new SweepResults(folder.Plan, games);
    }

    /// <summary>results.csv: one row per game and evaluation (a game without evaluations has one row with empty figures).</summary>
    public string Csv()
    {
        var text = new StringBuilder();
        var axes = Plan.Axes.Select(a => a.Name).ToList();
        text.AppendLine(string.Join(',', new[] { "game", "game_id", "folder", "state" }.Concat(axes).Append("round").Concat(Plan.Figures).Append("rounds_per_second").Select(Quote)));
        foreach (var played in Games)
        {
            var head = new[] { played.Game.Index.ToString(CultureInfo.InvariantCulture), played.Game.GameId, played.Game.Folder, played.State }
                .Concat(axes.Select(a => played.Game.Levels[a]));
            var rate = Cell(played.RoundsPerSecond);
            if (played.Evaluations.Count == 0)
            {
                text.AppendLine(string.Join(',', head.Select(Quote).Append("").Concat(Plan.Figures.Select(_ => "")).Append(rate)));
            }

            foreach (var (round, figures) in played.Evaluations)
            {
                text.AppendLine(string.Join(',', head.Select(Quote).Append(round.ToString(CultureInfo.InvariantCulture))
                    .Concat(Plan.Figures.Select(f => Cell(figures.GetValueOrDefault(f)))).Append(rate)));
            }
        }

        return text.ToString();
    }

    /// <summary>summary.md: a table of the configurations with medians (min-max) over seeds and each seed's values.</summary>
    public string Markdown(string command)
    {
        var text = new StringBuilder();
        var states = Games.GroupBy(g => g.State.Split(':')[0]).Select(g => $"{g.Count()} {g.Key}");
        text.AppendLine($"# Sweep {Plan.Name}").AppendLine();
        text.AppendLine($"{Games.Count} games ({string.Join(", ", states)}); axes: {string.Join("; ", Plan.Axes.Select(a => $"{a.Name} = {string.Join(", ", a.Values)}"))}.");
        text.AppendLine($"Figures at each game's last evaluation: median (min-max) over the games of a configuration (its seeds), then each game's values in seed order; "
            + "x marks a game without a result. Re-run with:").AppendLine();
        text.AppendLine($"    {command}").AppendLine();
        var axes = ConfigurationAxes;
        var header = axes.Select(a => a.Name).Append("games").Concat(Plan.Figures).Append($"per seed ({string.Join(" / ", Plan.Figures)})").Append("rounds/s (median)").ToList();
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Join("|", header.Select((_, i) => i < axes.Count ? "---" : i == header.Count - 2 ? "---" : "---:")) + "|");
        foreach (var configuration in Configurations())
        {
            var first = configuration[0].Game;
            var cells = axes.Select(a => first.Levels[a.Name]).ToList();
            var ok = configuration.Where(g => g.Evaluations.Count > 0 && !g.State.StartsWith("failed", StringComparison.Ordinal)).ToList();
            cells.Add($"{ok.Count}/{configuration.Count}");
            foreach (var figure in Plan.Figures)
            {
                var values = ok.Select(g => g.Final(figure)).OfType<double>().ToList();
                cells.Add(values.Count == 0 ? "-" : $"{Number(Median(values))} ({Number(values.Min())}-{Number(values.Max())})");
            }

            cells.Add(string.Join(", ", configuration.Select(g => ok.Contains(g)
                ? string.Join("/", Plan.Figures.Select(f => g.Final(f) is { } v ? Number(v) : "-"))
                : "x")));
            var rates = configuration.Select(g => g.RoundsPerSecond).OfType<double>().ToList();
            cells.Add(rates.Count == 0 ? "-" : Median(rates).ToString("F1", CultureInfo.InvariantCulture));
            text.AppendLine("| " + string.Join(" | ", cells) + " |");
        }

        var failed = Games.Where(g => g.State.StartsWith("failed", StringComparison.Ordinal)).ToList();
        if (failed.Count > 0)
        {
            text.AppendLine().AppendLine("Failed games:").AppendLine();
            foreach (var game in failed)
            {
                text.AppendLine($"- {game.Game.Key} ({game.Game.Folder}): {game.State}");
            }
        }

        return text.ToString();
    }

    /// <summary>The games grouped by configuration, in the sweep's order.</summary>
    public IReadOnlyList<IReadOnlyList<Played>> Configurations() =>
        Games.GroupBy(g => g.Configuration).Select(g => (IReadOnlyList<Played>)g.ToList()).ToList();

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>A figure as tables show it: whole numbers whole, others to three significant digits.</summary>
    public static string Number(double value) =>
        value == Math.Round(value) && Math.Abs(value) < 1e6 ? value.ToString("F0", CultureInfo.InvariantCulture) : value.ToString("G3", CultureInfo.InvariantCulture);

    private static List<(int Round, IReadOnlyDictionary<string, double?> Figures)> Evaluations(string file, IReadOnlyList<string> figures)
    {
        if (!File.Exists(file))
        {
            return [];
        }

        var lines = File.ReadAllLines(file, Utf8);
        if (lines.Length == 0)
        {
            return [];
        }

        var header = lines[0].Split(',').ToList();
        var columns = figures.ToDictionary(f => f, f => header.IndexOf(f));
        var result = new List<(int, IReadOnlyDictionary<string, double?>)>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            if (!int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var round))
            {
                continue;
            }

            result.Add((round, columns.ToDictionary(c => c.Key, c => c.Value >= 0 && c.Value < cells.Length
                && double.TryParse(cells[c.Value], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null)));
        }

        return result;
    }

    private static string Cell(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string cell) => cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}
