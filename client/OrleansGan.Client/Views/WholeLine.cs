using Spectre.Console;

namespace OrleansGan.Client.Views;

/// <summary>
/// A line that holds an id or a path, written as it is: Spectre would break it at the console's width, and a
/// broken id cannot be copied into the next command.
/// </summary>
internal static class WholeLine
{
    public static void Write(IAnsiConsole console, string text)
    {
        console.Profile.Out.Writer.WriteLine(text);
        console.Profile.Out.Writer.Flush();
    }
}
