using System.CommandLine;
using System.Globalization;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Players;
using OrleansGan.Client.Hosting;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary><c>status</c>: where a game on a running cluster stands, and where each of its players lives.</summary>
internal static class StatusCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var gameId = new Argument<string>("game-id") { Description = "The game's id (run prints it and writes it to game-id.txt)." };
        var cluster = new Option<string>("--cluster") { Description = "The cluster: its gateways host:port[,host:port...] or redis://host:port of its membership.", Required = true };
        var command = new Command("status", "Show a game's state, progress and placement on a running cluster.");
        command.Arguments.Add(gameId);
        command.Options.Add(cluster);
        command.SetAction(async (parse, cancel) =>
        {
            await using var connection = await GameConnection.ConnectOrExplainAsync(console, parse.GetValue(cluster)!, cancel);
            if (connection is null)
            {
                return RunCommand.InvalidInput;
            }

            var status = await connection.Client.GetGrain<IGameGrain>(parse.GetValue(gameId)!).GetStatusAsync(int.MaxValue, int.MaxValue);
            var table = new Table().AddColumn("").AddColumn("");
            table.HideHeaders();
            table.AddRow("state", Markup.Escape(status.Error is null ? status.State.ToString().ToLowerInvariant() : $"{status.State.ToString().ToLowerInvariant()}: {status.Error}"));
            table.AddRow("rounds", $"{status.RoundsCompleted}/{status.TotalRounds}");
            table.AddRow("rounds/s", status.ElapsedSeconds > 0 ? (status.RoundsCompleted / status.ElapsedSeconds).ToString("F1", CultureInfo.InvariantCulture) : "-");
            foreach (var player in status.Players ?? [])
            {
                table.AddRow(player.Player.Name(), Markup.Escape($"silo {player.Silo} ({player.SiloAddress}), device {player.Device}"));
            }

            console.Write(table);
            return 0;
        });
        return command;
    }
}
