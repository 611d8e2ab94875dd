using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary>
/// The command tree and how it is invoked: a parse error exits 2 with the real problem on the first line; Ctrl+C is
/// the commands' own cancellation (System.CommandLine's default would end the process two seconds after it, whatever
/// a game still had to write); an exception no command handled is one line and exit 4, not a stack trace. Every one of
/// those lines is a diagnostic, on <see cref="CommandConsoles.Errors"/>; help is a result, on the output.
/// </summary>
internal static class CommandLineApp
{
    /// <summary>The commands, printing to <paramref name="consoles"/>.</summary>
    public static RootCommand Create(CommandConsoles consoles)
    {
        var root = new RootCommand("OrleansGan: GAN training as a two-player game between Orleans grains.");
        root.Subcommands.Add(RunCommand.Create(consoles));
        root.Subcommands.Add(AnalyzeCommand.Create(consoles));
        root.Subcommands.Add(StatusCommand.Create(consoles));
        root.Subcommands.Add(ListCommand.Create(consoles));
        root.Subcommands.Add(ResumeCommand.Create(consoles));
        root.Subcommands.Add(DiagnoseCommand.Create(consoles));
        root.Subcommands.Add(ReportCommand.Create(consoles));
        root.Subcommands.Add(SweepCommand.Create(consoles));
        root.Subcommands.Add(ForgetCommand.Create(consoles));
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; <paramref name="cancel"/> is Ctrl+C. Returns the exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args, CommandConsoles consoles, CancellationToken cancel)
    {
        var errors = consoles.Errors;
        var parse = Create(consoles).Parse(args);
        if (parse.Action is not HelpAction && CommandLineProblems.Of(parse, args) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                errors.MarkupLineInterpolated($"[red]error:[/] {problem}");
            }

            var command = string.Join(' ', parse.CommandResult.Command is RootCommand ? [] : new[] { parse.CommandResult.Command.Name });
            errors.MarkupLineInterpolated($"[grey]'orleans-gan {(command.Length > 0 ? command + " " : "")}--help' lists the options.[/]");
            return RunCommand.InvalidInput;
        }

        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = consoles.Output.Profile.Out.Writer,
                    Error = errors.Profile.Out.Writer,
                    EnableDefaultExceptionHandler = false,
                    ProcessTerminationTimeout = null,
                }, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            errors.MarkupLine("[yellow]cancelled[/]");
            return RunCommand.Cancelled;
        }
        catch (Exception e)
        {
            // A failure no command expected: one line for the user, the whole story on request.
            errors.MarkupLineInterpolated($"[red]error:[/] {Innermost(e).Message} ({Innermost(e).GetType().Name}; set ORLEANSGAN_TRACE=1 for the stack trace)");
            if (Environment.GetEnvironmentVariable("ORLEANSGAN_TRACE") == "1")
            {
                errors.Profile.Out.Writer.WriteLine(e);
            }

            return RunCommand.Failed;
        }
    }

    private static Exception Innermost(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } a ? Innermost(a.InnerExceptions[0]) : e;
}
