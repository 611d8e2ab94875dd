using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary>
/// The command tree and how it is invoked: a parse error exits 2 with the real problem on the first line; Ctrl+C is
/// the commands' own cancellation (System.CommandLine's default would end the process two seconds after it, whatever
/// a game still had to write); an exception no command handled is one line and exit 4, not a stack trace.
/// </summary>
internal static class CommandLineApp
{
    /// <summary>The commands, printing to <paramref name="console"/>.</summary>
    public static RootCommand Create(IAnsiConsole console)
    {
        var root = new RootCommand("OrleansGan: GAN training as a two-player game between Orleans grains.");
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(AnalyzeCommand.Create(console));
        root.Subcommands.Add(StatusCommand.Create(console));
        root.Subcommands.Add(ListCommand.Create(console));
        root.Subcommands.Add(ResumeCommand.Create(console));
        root.Subcommands.Add(DiagnoseCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console));
        root.Subcommands.Add(SweepCommand.Create(console));
        root.Subcommands.Add(ForgetCommand.Create(console));
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; <paramref name="cancel"/> is Ctrl+C. Returns the exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args, IAnsiConsole console, TextWriter help, CancellationToken cancel)
    {
        var parse = Create(console).Parse(args);
        if (parse.Action is not HelpAction && CommandLineProblems.Of(parse, args) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {problem}");
            }

            var command = string.Join(' ', parse.CommandResult.Command is RootCommand ? [] : new[] { parse.CommandResult.Command.Name });
            console.MarkupLineInterpolated($"[grey]'orleans-gan {(command.Length > 0 ? command + " " : "")}--help' lists the options.[/]");
            return RunCommand.InvalidInput;
        }

        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration { Output = help, Error = help, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]cancelled[/]");
            return RunCommand.Cancelled;
        }
        catch (Exception e)
        {
            // A failure no command expected: one line for the user, the whole story on request.
            console.MarkupLineInterpolated($"[red]error:[/] {Innermost(e).Message} ({Innermost(e).GetType().Name}; set ORLEANSGAN_TRACE=1 for the stack trace)");
            if (Environment.GetEnvironmentVariable("ORLEANSGAN_TRACE") == "1")
            {
                Console.Error.WriteLine(e);
            }

            return RunCommand.Failed;
        }
    }

    private static Exception Innermost(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } a ? Innermost(a.InnerExceptions[0]) : e;
}
