using OrleansGan.Client.Commands;
using Spectre.Console;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>
/// Runs the real command line in-process (parse errors and exit codes included) with consoles that record what it
/// prints, standard output and standard error apart, as a shell that redirects one of them sees them.
/// </summary>
internal static class CommandLine
{
    public static async Task<Printed> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        return new Printed(await InvokeAsync(output, errors, CancellationToken.None, args), output.ToString(), errors.ToString());
    }

    /// <summary>
    /// Runs the command line printing its results to <paramref name="output"/> and what went wrong to
    /// <paramref name="errors"/>; <paramref name="cancel"/> acts as Ctrl+C.
    /// </summary>
    public static Task<int> InvokeAsync(TextWriter output, TextWriter errors, CancellationToken cancel, params string[] args) =>
        CommandLineApp.InvokeAsync(args, Consoles(output, errors), cancel);

    /// <summary>The two consoles of a command, each as <see cref="Console"/> makes it.</summary>
    public static CommandConsoles Consoles(TextWriter output, TextWriter errors) => new(Console(output), Console(errors));

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
