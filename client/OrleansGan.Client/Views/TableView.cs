using Spectre.Console;

namespace OrleansGan.Client.Views;

/// <summary>
/// A table as its reader needs it: on a terminal a drawn table whose id and path columns never wrap (a wrapped id
/// cannot be copied), or plain lines where it would not fit; in a pipe or a file, tab-separated lines with a header (or "name: value" lines for a table of
/// names and values), which a shell, a spreadsheet or pandas read as they are.
/// </summary>
internal static class TableView
{
    /// <summary>Writes rows under <paramref name="headers"/>; columns listed in <paramref name="whole"/> are never wrapped.</summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, params int[] whole)
    {
        var list = rows.ToList();

        // A drawn table wider than the terminal would wrap its cells whatever a column asks; then the plain lines serve.
        var natural = Enumerable.Range(0, headers.Count).Sum(i => 3 + list.Select(r => i < r.Count ? r[i].Length : 0).Append(headers[i].Length).Max()) + 1;
        if (!console.Profile.Out.IsTerminal || natural > console.Profile.Width)
        {
            var writer = console.Profile.Out.Writer;
            writer.WriteLine(string.Join('\t', headers.Select(Cell)));
            foreach (var row in list)
            {
                writer.WriteLine(string.Join('\t', row.Select(Cell)));
            }

            writer.Flush();
            return;
        }

        var table = new Table();
        for (var i = 0; i < headers.Count; i++)
        {
            var column = new TableColumn(Markup.Escape(headers[i]));
            table.AddColumn(whole.Contains(i) ? column.NoWrap() : column);
        }

        foreach (var row in list)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
    }

    /// <summary>Writes names and their values; values in <paramref name="whole"/> (by name) are never wrapped.</summary>
    public static void WritePairs(IAnsiConsole console, IEnumerable<(string Name, string Value)> pairs, params string[] whole)
    {
        var list = pairs.ToList();
        if (!console.Profile.Out.IsTerminal)
        {
            var writer = console.Profile.Out.Writer;
            foreach (var (name, value) in list)
            {
                writer.WriteLine($"{name}: {value}");
            }

            writer.Flush();
            return;
        }

        var table = new Table().AddColumn("").AddColumn("");
        table.HideHeaders();
        foreach (var (name, value) in list.Where(p => !whole.Contains(p.Name)))
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        console.Write(table);

        // Whole values (paths, ids) go below the table on lines of their own, unwrapped.
        foreach (var (name, value) in list.Where(p => whole.Contains(p.Name)))
        {
            console.Profile.Out.Writer.WriteLine($"{name}: {value}");
        }
    }

    // A tab or a line break inside a cell would split it.
    private static string Cell(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace("\r", "", StringComparison.Ordinal);
}
