using System.CommandLine;
using OrleansGan.Client.Commands;
using Spectre.Console;

var root = new RootCommand("OrleansGan: GAN training as a two-player game between Orleans grains.");
root.Subcommands.Add(RunCommand.Create(AnsiConsole.Console));
root.Subcommands.Add(AnalyzeCommand.Create(AnsiConsole.Console));
root.Subcommands.Add(StatusCommand.Create(AnsiConsole.Console));
root.Subcommands.Add(ListCommand.Create(AnsiConsole.Console));
root.Subcommands.Add(ResumeCommand.Create(AnsiConsole.Console));
root.Subcommands.Add(DiagnoseCommand.Create(AnsiConsole.Console));
return await root.Parse(args).InvokeAsync();
