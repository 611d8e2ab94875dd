using System.Text;
using OrleansGan.Client.Runs;
using OrleansGan.Client.Tests.Commands;
using OrleansGan.Client.Views;
using Spectre.Console;

namespace OrleansGan.Client.Tests.BadInput;

/// <summary>
/// The files and tables the product writes, read as their users read them: CSV files as pandas and Python's csv do
/// (no byte-order mark), ids and paths copied from a terminal or a pipe (never wrapped), figures with a sensible
/// precision, and games named after their data.
/// </summary>
public sealed class OutputForToolsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_run_writes_csv_files_withfoldera_byte_order_mark_and_a_summary_with_whole_paths()
    {
        var folder = Path.Combine(_folder.Path, new string('p', 120));
        var (exit, output, errors) = await CommandLine.InvokeAsync("run", "--data", "grid25", "--rounds", "20", "--eval-every", "10", "--batch", "32",
            "--g-hidden", "16", "--d-hidden", "16", "--eval-samples", "200", "--out", folder);
        Assert.True(exit == 0, output + errors);

        // A game that went well says nothing on standard error: its results are all on standard output.
        Assert.Equal("", errors);
        foreach (var (file, header) in new[] { (RunFolder.RoundsFile, "round,discriminator_loss,"), (RunFolder.EvaluationsFile, "round,modes_covered,") })
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, file));
            Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), $"{file} begins with a byte-order mark");
            Assert.StartsWith(header, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }

        // A grid25 game is named after its data, in its id and its default folder.
        Assert.Matches(@"(?m)^game grid25-\d{8}-\d{6}-[0-9a-f]{6}: ", output);
        Assert.StartsWith("grid25-", (await File.ReadAllTextAsync(Path.Combine(folder, RunFolder.GameIdFile))).Trim(), StringComparison.Ordinal);

        // The summary: rounds/s to one decimal; the results folder whole on its line, on the console and in summary.txt.
        var summary = await File.ReadAllTextAsync(Path.Combine(folder, RunFolder.SummaryFile));
        Assert.Matches(@"(?m)^rounds/s: \d+\.\d$", summary);
        Assert.Contains($"results: {folder}{Environment.NewLine}", summary);
        Assert.Contains($"results: {folder}\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void On_a_terminal_ids_are_never_wrapped_and_paths_stand_on_their_own_lines()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new Terminal(writer, 80) });
        var id = "grid25-20261201-101010-abcdef-with-a-long-name-of-the-game";
        TableView.Write(console, ["game", "state", "rounds", "game silo", "generator", "discriminator"],
            [[id, "running", "100/5000", "silo-1", "silo-1 / cpu", "silo-2 / cuda:0"]], 0);
        Assert.Contains(writer.ToString().Split('\n'), line => line.Contains(id, StringComparison.Ordinal));

        // A table that fits is drawn, its id column unwrapped.
        writer.GetStringBuilder().Clear();
        TableView.Write(console, ["game", "state"], [[id, "running"]], 0);
        Assert.Contains("┌", writer.ToString());
        Assert.Contains(writer.ToString().Split('\n'), line => line.Contains(id, StringComparison.Ordinal));

        var path = "/home/someone/experiments/" + new string('x', 80);
        writer.GetStringBuilder().Clear();
        SummaryView.Write(console, [("state", "finished"), ("rounds/s", "118.5"), ("results", path)]);
        Assert.Contains($"results: {path}", writer.ToString().Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void In_a_pipe_tables_are_tab_separated_and_pairs_are_name_value_lines()
    {
        var writer = new StringWriter();
        var console = CommandLine.Console(writer, width: 80);
        TableView.Write(console, ["game", "state"], [["a\tb", "running"], ["c", "line\nbreak"]]);
        Assert.Equal(["game\tstate", "a b\trunning", "c\tline break"], writer.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));

        writer.GetStringBuilder().Clear();
        TableView.WritePairs(console, [("state", "finished"), ("results", "/x/y")], "results");
        Assert.Equal(["state: finished", "results: /x/y"], writer.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
    }

    // A console output that says it is a terminal of a given width.
    private sealed class Terminal(TextWriter writer, int width) : IAnsiConsoleOutput
    {
        public TextWriter Writer => writer;

        public bool IsTerminal => true;

        public int Width => width;

        public int Height => 40;

        public void SetEncoding(Encoding encoding)
        {
        }
    }
}
