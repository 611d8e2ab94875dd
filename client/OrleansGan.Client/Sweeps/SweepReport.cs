using System.Text;
using OrleansGan.Client.Runs;
using OrleansGan.Core.Sweeps;

namespace OrleansGan.Client.Sweeps;

/// <summary>
/// report.html of a sweep folder: one page that opens from disk with no server, like a run's (<see cref="RunReport"/>):
/// the sweep's games with their axes, state, rounds/s and final figures, each linked to its own run folder's
/// report.html; the sweep's pictures embedded; summary.md and the sweep file as they are. It is written with the
/// other aggregates, so it is as fresh as results.csv.
/// </summary>
internal static class SweepReport
{
    /// <summary>The page's file name in the sweep folder.</summary>
    public const string FileName = "report.html";

    /// <summary>The page for <paramref name="results"/>, with <paramref name="pictures"/> (files in the sweep folder) embedded.</summary>
    public static string Html(SweepFolder folder, SweepResults results, IReadOnlyList<string> pictures)
    {
        var plan = results.Plan;
        var axes = plan.Axes.Select(a => a.Name).ToList();
        var page = RunReport.Head($"{plan.Name}: OrleansGan sweep")
            .Append($"<h1>{E(plan.Name)}</h1>\n<p>sweep <code id=\"sweep-id\">{E(plan.SweepId)}</code>, {results.Games.Count} games over {E(string.Join(" x ", plan.Axes.Select(a => $"{a.Name} ({a.Values.Count})")))}</p>\n")
            .Append("<h2>Games</h2>\n<table id=\"games\">\n<tr><th>game</th>");
        foreach (var axis in axes)
        {
            page.Append($"<th>{E(axis)}</th>");
        }

        page.Append("<th>state</th><th>rounds/s</th>");
        foreach (var figure in plan.Figures)
        {
            page.Append($"<th>{E(figure)} (last evaluation)</th>");
        }

        page.Append("<th>report</th></tr>\n");
        foreach (var game in results.Games)
        {
            page.Append($"<tr><td>{game.Game.Index}</td>");
            foreach (var axis in axes)
            {
                page.Append($"<td class=\"k\">{E(game.Game.Levels.GetValueOrDefault(axis, ""))}</td>");
            }

            page.Append($"<td class=\"k\">{E(game.State)}</td><td>{(game.RoundsPerSecond is { } rate ? SweepResults.Number(rate) : "")}</td>");
            foreach (var figure in plan.Figures)
            {
                page.Append($"<td>{(game.Final(figure) is { } value ? SweepResults.Number(value) : "")}</td>");
            }

            // A relative link, so the page and its folder can be moved together; URL-escaped part by part.
            var report = Path.Combine(folder.RunFolderOf(game.Game), RunReport.FileName);
            var href = string.Join('/', game.Game.Folder.Split('/', '\\').Append(RunReport.FileName).Select(Uri.EscapeDataString));
            page.Append(File.Exists(report) ? $"<td class=\"k\"><a class=\"game-report\" href=\"{E(href)}\">{E(game.Game.Folder)}</a></td>" : "<td class=\"k\">-</td>")
                .Append("</tr>\n");
        }

        page.Append("</table>\n<h2>Pictures</h2>\n");
        foreach (var picture in pictures.Where(p => File.Exists(folder.PathOf(p))))
        {
            page.Append(RunReport.Figure(folder.PathOf(picture), picture, Caption(picture)));
        }

        page.Append($"<h2>Summary</h2>\n<details open><summary>{SweepResults.SummaryFile}</summary>\n<pre>{E(Read(folder, SweepResults.SummaryFile))}</pre></details>\n")
            .Append($"<h2>Sweep file</h2>\n<details><summary>{SweepFolder.SweepFile} (sweep --file with this file reruns the sweep)</summary>\n<pre>{E(Read(folder, SweepFolder.SweepFile))}</pre></details>\n")
            .Append("</body>\n</html>\n");
        return page.ToString();
    }

    // "figure-modes-covered-loss=hinge.png": what SweepPictures drew, in words.
    private static string Caption(string picture)
    {
        var name = Path.GetFileNameWithoutExtension(picture);
        return name.StartsWith("heatmap-", StringComparison.Ordinal)
            ? $"{name["heatmap-".Length..]} at the last evaluation, median over {SweepAxis.SeedAxis}s; one panel and colour scale per data set (and per value of any axis beyond two)"
            : name.StartsWith("figure-", StringComparison.Ordinal)
                ? $"{name["figure-".Length..]} over the rounds: median over {SweepAxis.SeedAxis}s per configuration, band from min to max"
                : name;
    }

    private static string Read(SweepFolder folder, string file) => File.Exists(folder.PathOf(file)) ? File.ReadAllText(folder.PathOf(file)) : "";

    private static string E(string text) => RunReport.E(text);
}
