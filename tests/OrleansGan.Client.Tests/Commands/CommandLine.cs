using System.CommandLine;
using OrleansGan.Client.Commands;
using Spectre.Console;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>Runs the real command tree in-process with a console that records what it prints.</summary>
internal static class CommandLine
{
    public static async Task<(int ExitCode, string Output)> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        return (await InvokeAsync(output, CancellationToken.None, args), output.ToString());
    }

    /// <summary>Runs the command tree printing to <paramref name="output"/>; <paramref name="cancel"/> acts as Ctrl+C.</summary>
    public static async Task<int> InvokeAsync(TextWriter output, CancellationToken cancel, params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        var root = new RootCommand("test");
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(AnalyzeCommand.Create(console));
        root.Subcommands.Add(ResumeCommand.Create(console));
        root.Subcommands.Add(StatusCommand.Create(console));
        root.Subcommands.Add(ListCommand.Create(console));
        root.Subcommands.Add(DiagnoseCommand.Create(console));
        var parse = root.Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, cancel);
    }
}
