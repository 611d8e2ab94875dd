using System.Runtime.InteropServices;
using OrleansGan.Client.Commands;
using Spectre.Console;

// Ctrl+C (or SIGTERM) asks the command to stop after the round in progress and write what was played; a second one
// ends the process at once.
using var cancel = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    if (!cancel.IsCancellationRequested)
    {
        context.Cancel = true;
        cancel.Cancel();
    }
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

// Results go to standard output and what went wrong to standard error (CommandConsoles), so a pipe gets data only.
// In a pipe or a file, lines are not wrapped at 80 columns: ids and paths must stay whole to be copied. Each stream is
// judged on its own: after `list > games.tsv` the errors still reach the terminal, and are drawn for it.
static IAnsiConsole Whole(IAnsiConsole console)
{
    if (!console.Profile.Out.IsTerminal)
    {
        console.Profile.Width = 4096;
    }

    return console;
}

var consoles = new CommandConsoles(
    Whole(AnsiConsole.Console),
    Whole(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })));
return await CommandLineApp.InvokeAsync(args, consoles, cancel.Token);
