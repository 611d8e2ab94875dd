using OrleansGan.Client.Commands;
using Spectre.Console;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>Runs the real command line in-process (parse errors and exit codes included) with a console that records what it prints.</summary>
internal static class CommandLine
{
    public static async Task<(int ExitCode, string Output)> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        return (await InvokeAsync(output, CancellationToken.None, args), output.ToString());
    }

    /// <summary>Runs the command line printing to <paramref name="output"/>; <paramref name="cancel"/> acts as Ctrl+C.</summary>
    public static Task<int> InvokeAsync(TextWriter output, CancellationToken cancel, params string[] args) =>
        CommandLineApp.InvokeAsync(args, Console(output), output, cancel);

    /// <summary>A console as a pipe or a file sees it: no colours, not interactive, not a terminal, as wide as Program makes it there.</summary>
    public static IAnsiConsole Console(TextWriter output, int width = 4096)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        return console;
    }
}
