using System.Net;
using System.Text;

namespace OrleansGan.Client.Runs;

/// <summary>
/// report.html: one page per run folder that opens from disk with no server and no network. Every picture is embedded
/// as a data URI, so the page can be mailed or moved alone; nothing is fetched, and no script runs.
/// </summary>
internal static class RunReport
{
    /// <summary>The page's file name in the run folder.</summary>
    public const string FileName = "report.html";

    /// <summary>Builds the page from the run folder's files; pictures the folder lacks are left out, and notes say why.</summary>
    /// <param name="folder">The run folder.</param>
    /// <param name="pictures">The pictures to show, in order: a caption and a file in the folder.</param>
    /// <param name="notes">Lines to show under the summary (what could not be drawn, and why).</param>
    public static string Html(string folder, IReadOnlyList<(string Caption, string File)> pictures, IReadOnlyList<string> notes)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var page = Head($"{name}: OrleansGan run").Append($"<h1>{E(name)}</h1>\n");
        if (ReadText(folder, RunFolder.GameIdFile) is { } id)
        {
            page.Append($"<p>game <code id=\"game-id\">{E(id.Trim())}</code></p>\n");
        }

        page.Append("<h2>Summary</h2>\n");
        if (ReadText(folder, RunFolder.SummaryFile) is { } summary)
        {
            page.Append("<table id=\"summary\">\n");
            foreach (var line in summary.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var colon = line.IndexOf(": ", StringComparison.Ordinal);
                page.Append(colon < 0
                    ? $"<tr><td class=\"k\" colspan=\"2\">{E(line)}</td></tr>\n"
                    : $"<tr><td class=\"k\">{E(line[..colon])}</td><td style=\"text-align:left\">{E(line[(colon + 2)..])}</td></tr>\n");
            }

            page.Append("</table>\n");
        }
        else
        {
            page.Append("<p class=\"note\">no summary.txt yet: the game is still running, or its client stopped before the end.</p>\n");
        }

        foreach (var note in notes)
        {
            page.Append($"<p class=\"note\">{E(note)}</p>\n");
        }

        page.Append("<h2>Pictures</h2>\n");
        foreach (var (caption, file) in pictures)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                continue;
            }

            page.Append(Figure(path, file, caption));
        }

        page.Append("<h2>Evaluations</h2>\n");
        if (ReadText(folder, RunFolder.EvaluationsFile) is { } evaluations)
        {
            page.Append(Table(evaluations));
        }

        page.Append("<h2>Spec</h2>\n<details><summary>spec.json (run --spec with this file replays the game)</summary>\n<pre>")
            .Append(E(ReadText(folder, RunFolder.SpecFile) ?? ""))
            .Append("</pre></details>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>
    /// The start of a page that opens from disk: its style, and a content security policy that allows only embedded
    /// pictures and the page's own style (no script, nothing fetched); links to files beside it still open.
    /// </summary>
    internal static StringBuilder Head(string title) => new StringBuilder()
        .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n")
        .Append($"<title>{E(title)}</title>\n<style>\n")
        .Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1260px;color:#222}h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}")
        .Append("table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}th{background:#f4f4f4}")
        .Append("td.k{text-align:left;font-weight:600}img{max-width:100%;border:1px solid #ddd;margin:.3em 0}figure{margin:0 0 1.2em 0}")
        .Append("figcaption{font-size:.9em;color:#555}pre{background:#f7f7f7;padding:.8em;overflow:auto;font-size:.8em}.note{color:#8a5a00}\n</style>\n</head>\n<body>\n");

    /// <summary>A picture embedded as a data URI, with its caption and the name of its file.</summary>
    internal static string Figure(string path, string file, string caption)
    {
        var type = file.EndsWith(".gif", StringComparison.OrdinalIgnoreCase) ? "image/gif" : "image/png";
        return $"<figure><img alt=\"{E(caption)}\" data-file=\"{E(file)}\" src=\"data:{type};base64,{Convert.ToBase64String(File.ReadAllBytes(path))}\">"
            + $"<figcaption>{E(caption)} ({E(file)})</figcaption></figure>\n";
    }

    // The CSV as a table, leaving out the columns that are empty in every row (the image figures of a mixture game).
    private static string Table(string csv)
    {
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split(',')).ToList();
        if (rows.Count == 0)
        {
            return "";
        }

        var width = rows[0].Length;
        var kept = Enumerable.Range(0, width).Where(c => rows.Skip(1).Any(r => c < r.Length && r[c].Length > 0) || rows.Count == 1).ToList();
        var table = new StringBuilder("<table id=\"evaluations\">\n<tr>");
        foreach (var c in kept)
        {
            table.Append($"<th>{E(rows[0][c].Replace('_', ' '))}</th>");
        }

        table.Append("</tr>\n");
        foreach (var row in rows.Skip(1))
        {
            table.Append("<tr>");
            foreach (var c in kept)
            {
                table.Append($"<td>{E(c < row.Length ? Short(row[c]) : "")}</td>");
            }

            table.Append("</tr>\n");
        }

        return table.Append("</table>\n").ToString();
    }

    // Figures as the CSV holds them are round-trip exact ("0.83560000000000001"); four significant digits read better.
    private static string Short(string cell) =>
        double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && cell.Contains('.')
            ? value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)
            : cell;

    private static string? ReadText(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
