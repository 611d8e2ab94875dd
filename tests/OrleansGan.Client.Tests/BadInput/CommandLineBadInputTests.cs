using OrleansGan.Client.Tests.Commands;

namespace OrleansGan.Client.Tests.BadInput;

/// <summary>
/// Every command line System.CommandLine cannot parse exits 2 (it used to exit 1) with the real problem on the first
/// line of standard error, naming the flag, for every command, and nothing on standard output; a flag that takes one
/// value may be given once; nothing is written.
/// </summary>
public sealed class CommandLineBadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string[], string> BadCommandLines => new()
    {
        // Unknown flags and commands, with a suggestion when one is close; the unknown flag's value is not a second problem.
        { ["run", "--latnt", "3"], "error: run: unknown option '--latnt' (did you mean --latent?)" },
        { ["resume", "--rn", "x"], "error: resume: unknown option '--rn' (did you mean --run?)" },
        { ["status", "g", "--cluster", "h:1", "--verbose"], "error: status: unknown option '--verbose'" },
        { ["list", "--clutser", "h:1"], "error: list: unknown option '--clutser' (did you mean --cluster?)" },
        { ["analyze", "--game", "bilinear"], "error: analyze: unknown option '--game' (did you mean --games?)" },
        { ["rnu"], "error: unknown command 'rnu' (did you mean run?)" },
        { [], "error: no command given (commands: run, analyze, status, list, resume, diagnose, report, sweep, forget)" },
        { ["run", "extra"], "error: run: unexpected argument 'extra'" },

        // Values that are missing, not numbers, out of range or not finite.
        { ["run", "--rounds"], "error: --rounds: needs a value (Rounds to play)" },
        { ["run", "--batch", "lots"], "error: --batch: 'lots' is not a whole number" },
        { ["run", "--rounds", "99999999999"], "error: --rounds: '99999999999' is not a whole number from -2147483648 to 2147483647" },
        { ["run", "--seed", "-1"], "error: --seed: '-1' is not a whole number from 0 to 18446744073709551615" },
        { ["run", "--lr-g", "NaN"], "error: --lr-g: 'NaN' is not a finite number" },
        { ["run", "--lr-d", "1e400"], "error: --lr-d: '1e400' is not a finite number" },
        { ["run", "--latent", "2.5"], "error: --latent: '2.5' is not a whole number" },
        { ["run", "--metrics-port", "http"], "error: --metrics-port: 'http' is not a whole number" },
        { ["run", "--connect-timeout", "soon"], "error: --connect-timeout: 'soon' is not a finite number" },
        { ["analyze", "--lr", "0.1,fast"], "error: --lr: 'fast' is not a finite number" },

        // Layer widths.
        { ["run", "--g-hidden", ""], "error: --g-hidden: '' is not a list of layer widths" },
        { ["run", "--d-hidden", "64,,64"], "error: --d-hidden: '64,,64' is not a list of layer widths" },
        { ["run", "--d-hidden", "64,-1"], "error: --d-hidden: '64,-1' is not a list of layer widths" },

        // A flag given twice, with or without a second value.
        { ["run", "--latent", "3", "--rounds", "5", "--latent"], "error: --latent: given 2 times; give it once" },
        { ["run", "--latent", "3", "--latent", "4"], "error: --latent: given 2 times; give it once" },
        { ["resume", "--run", "a", "--run", "b"], "error: --run: given 2 times; give it once" },

        // Required options and arguments.
        { ["list"], "error: --cluster: is required (The cluster: its gateways host:port[,host:port...] or redis://host:port of its membership)" },
        { ["status", "--cluster", "h:1"], "error: status: needs <game-id>" },
        { ["resume"], "error: --run: is required" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task A_command_line_that_does_not_parse_exits_2_with_the_problem_first(string[] args, string firstLine)
    {
        var before = Directory.GetFileSystemEntries(Environment.CurrentDirectory).Length;
        var printed = await CommandLine.InvokeAsync(args);
        Assert.True(printed.ExitCode == 2, printed.ToString());
        Assert.True(printed.Output == "", printed.ToString());
        Assert.StartsWith(firstLine, printed.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("was not matched", printed.Errors);
        Assert.DoesNotContain("System.", printed.Errors);
        Assert.Equal(before, Directory.GetFileSystemEntries(Environment.CurrentDirectory).Length);
    }

    [Theory]
    [InlineData("", "error: game-id: the game id is empty")]
    [InlineData("two words", "error: game-id: 'two words' is not a game id")]
    public async Task A_game_id_that_cannot_be_one_is_refused_before_connecting(string id, string firstLine)
    {
        var (exit, output, errors) = await CommandLine.InvokeAsync("status", id, "--cluster", "127.0.0.1:1");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith(firstLine, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_that_would_crash_the_reader_is_refused_in_a_file_and_through_set()
    {
        Directory.CreateDirectory(_folder.Path);
        var recursive = _folder.Sub("recursive.yaml");
        await File.WriteAllTextAsync(recursive, "generator: &g\n  optimizer: *g\n");
        var bomb = _folder.Sub("bomb.yaml");
        await File.WriteAllTextAsync(bomb, "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + string.Concat(Enumerable.Range(1, 8).Select(i => $"a{i}: &a{i} [{string.Join(",", Enumerable.Repeat(i == 1 ? "*a" : $"*a{i - 1}", 10))}]\n")));
        foreach (var (args, problem) in new[]
        {
            (new[] { "--spec", recursive }, "alias *g refers to the value that contains it"),
            (new[] { "--spec", bomb }, "expands to more than 10,000 values"),
            (new[] { "--set", "generator.hidden=" + new string('[', 100_000) }, "nests more than 16 levels deep"),
            (new[] { "--set", "generator.hidden=" + new string('[', 70) + new string(']', 70) }, "nests more than 16 levels deep"),
        })
        {
            var printed = await CommandLine.InvokeAsync(["run", .. args, "--out", _folder.Sub("out")]);
            Assert.True(printed.ExitCode == 2, printed.ToString());
            Assert.Contains(problem, printed.Errors);
            Assert.False(Directory.Exists(_folder.Sub("out")));
        }
    }

    [Fact]
    public async Task An_unknown_flag_is_named_before_its_value()
    {
        var (_, _, errors) = await CommandLine.InvokeAsync("run", "--latnt", "3");
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.Contains("'3'", StringComparison.Ordinal));
        Assert.Contains("--help", lines[^1]);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("resume")]
    [InlineData("status")]
    [InlineData("list")]
    [InlineData("analyze")]
    public async Task Help_is_not_an_error(string command)
    {
        var (exit, output, errors) = await CommandLine.InvokeAsync(command, "--help");
        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output);
        Assert.Equal("", errors);
    }

    [Fact]
    public async Task A_text_flag_means_its_text_not_yaml()
    {
        // Without quoting, "[x]" would have been a list and "3" a number.
        var (exit, _, errors) = await CommandLine.InvokeAsync("run", "--name", "[x]", "--out", _folder.Path);
        Assert.Equal(2, exit);
        Assert.Contains("name: '[x]' must be", errors);
        Assert.False(Directory.Exists(_folder.Path));
        Assert.Contains("loss: '3' is not one of", (await CommandLine.InvokeAsync("run", "--loss", "3", "--out", _folder.Path)).Errors);
    }
}
