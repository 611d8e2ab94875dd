using OrleansGan.Client.Tests.Commands;
using OrleansGan.Telemetry.Tests.Silo;

namespace OrleansGan.Client.Tests.BadInput;

/// <summary>
/// The client as a shell runs it, its standard output redirected (<c>orleans-gan list &gt; games.tsv</c>, <c>status ... |
/// cut</c>): what went wrong reaches standard error, one whole line without colour codes, and standard output holds
/// results only. A real process, because only Program.cs makes the two consoles of the two streams; started with the
/// TERM of a colour terminal, since a redirected stream must get no escape codes even there.
/// </summary>
public sealed class StandardStreamsTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_bad_flag_is_told_on_standard_error_and_standard_output_stays_empty()
    {
        await using var client = Client("run", "--latnt", "3");
        Assert.Equal(2, await client.WaitForExitAsync(Limit));
        Assert.True(client.StandardOutput == "", client.Output);
        var lines = Lines(client.StandardError);
        Assert.Equal("error: run: unknown option '--latnt' (did you mean --latent?)", lines[0]);
        Assert.Equal("'orleans-gan run --help' lists the options.", lines[^1]);
    }

    [Fact]
    public async Task A_cluster_that_does_not_answer_leaves_the_file_list_writes_empty()
    {
        Directory.CreateDirectory(_folder.Path);
        var file = _folder.Sub("games.tsv");
        // A port that was free a moment ago: connections are refused.
        var address = $"127.0.0.1:{FreePorts.Next()}";

        // The shell's own redirection, as a user types it: `orleans-gan list --cluster ... > games.tsv`.
        await using var shell = ChildProcess.Start("bash", ["-c", "exec env TERM=xterm-256color dotnet \"$0\" list --cluster \"$1\" --connect-timeout 2 > \"$2\"", Dll, address, file]);
        Assert.Equal(4, await shell.WaitForExitAsync(Limit));
        Assert.Equal("", await File.ReadAllTextAsync(file));
        Assert.Equal($"error: could not reach the cluster at {address}: no answer within 2 s (--connect-timeout)", Lines(shell.StandardError)[^1]);
    }

    [Fact]
    public async Task An_error_naming_a_long_path_stays_whole_on_one_line_of_standard_error()
    {
        // Standard error is judged on its own: not a terminal, so not wrapped at 80 columns, as standard output in a pipe.
        var spec = Path.Combine(_folder.Path, new string('s', 150), "game.yaml");
        await using var client = Client("run", "--spec", spec, "--out", _folder.Sub("out"));
        Assert.Equal(2, await client.WaitForExitAsync(Limit));
        Assert.True(client.StandardOutput == "", client.Output);
        var line = Assert.Single(Lines(client.StandardError));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(spec, line);
        Assert.False(Directory.Exists(_folder.Sub("out")));
    }

    [Fact]
    public async Task Help_is_a_result_on_standard_output_and_standard_error_stays_empty()
    {
        await using var client = Client("list", "--help");
        Assert.Equal(0, await client.WaitForExitAsync(Limit));
        Assert.Contains("Usage:", client.StandardOutput);
        Assert.True(client.StandardError == "", client.Output);
    }

    private static string Dll => Path.Combine(AppContext.BaseDirectory, "orleans-gan.dll");

    // The client with both streams redirected to this test, on a colour terminal's TERM.
    private static ChildProcess Client(params string[] args) => ChildProcess.Start("env", ["TERM=xterm-256color", "dotnet", Dll, .. args]);

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
}
