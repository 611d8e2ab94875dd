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

// In a pipe or a file, lines are not wrapped at 80 columns: ids and paths must stay whole to be copied.
var console = AnsiConsole.Console;
if (!console.Profile.Out.IsTerminal)
{
    console.Profile.Width = 4096;
}

return await CommandLineApp.InvokeAsync(args, console, Console.Out, cancel.Token);
