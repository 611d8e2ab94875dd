using System.CommandLine;
using System.Globalization;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Client.Hosting;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary><c>list</c>: the games on a running cluster, their progress, and where each player lives.</summary>
internal static class ListCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var cluster = new Option<string>("--cluster") { Description = "The cluster: its gateways host:port[,host:port...] or redis://host:port of its membership.", Required = true };
        var command = new Command("list", "List the games on a running cluster with their state and the silo and device of each player.");
        command.Options.Add(cluster);
        command.SetAction(async (parse, cancel) =>
        {
            await using var connection = await GameConnection.ConnectOrExplainAsync(console, parse.GetValue(cluster)!, cancel);
            if (connection is null)
            {
                return RunCommand.InvalidInput;
            }

            var table = new Table().AddColumns("game", "state", "rounds", "game silo", "generator", "discriminator");
            foreach (var entry in await connection.Client.GetGrain<IGameDirectoryGrain>(0).ListAsync())
            {
                var status = await connection.Client.GetGrain<IGameGrain>(entry.GameId).GetStatusAsync(int.MaxValue, int.MaxValue);
                string Where(int i) => status.Players is { Count: > 1 } players ? $"{players[i].Silo} / {players[i].Device}" : "-";
                // The game's own record is the truth about its state; the directory only knows which games exist.
                table.AddRow(Markup.Escape(entry.GameId), status.State.ToString().ToLowerInvariant(),
                    string.Create(CultureInfo.InvariantCulture, $"{status.RoundsCompleted}/{status.TotalRounds}"),
                    Markup.Escape(status.Silo ?? "-"), Markup.Escape(Where(0)), Markup.Escape(Where(1)));
            }

            console.Write(table);
            return 0;
        });
        return command;
    }
}
