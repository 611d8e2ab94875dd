using System.CommandLine;
using System.Globalization;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Players;
using OrleansGan.Client.Views;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary><c>status</c>: where a game on a running cluster stands, and where each of its players lives.</summary>
internal static class StatusCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var gameId = new Argument<string>("game-id") { Description = "The game's id (run prints it and writes it to game-id.txt)." };
        var cluster = new ClusterFlags("The cluster: its gateways host:port[,host:port...] or redis://host:port of its membership.", required: true);
        var command = new Command("status", "Show a game's state, progress and placement on a running cluster.");
        command.Arguments.Add(gameId);
        foreach (var option in cluster.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancel) =>
        {
            var id = parse.GetValue(gameId)!;
            try
            {
                GameIds.Check(id, "game-id");
            }
            catch (ArgumentException e)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return RunCommand.InvalidInput;
            }

            var (status, exit) = await cluster.ReadAsync(console, parse, $" for game {id}",
                client => client.GetGrain<IGameGrain>(id).GetStatusAsync(int.MaxValue, int.MaxValue), cancel);
            if (status is null)
            {
                return exit;
            }

            if (status.State == GameState.Created)
            {
                var address = parse.GetValue(cluster.Cluster);
                console.MarkupLineInterpolated($"[red]error:[/] game-id: the cluster at {address} has no game '{id}' ('orleans-gan list --cluster {address}' shows its games)");
                return RunCommand.InvalidInput;
            }

            var state = status.State.ToString().ToLowerInvariant();
            var rows = new List<(string, string)>
            {
                ("game", id),
                ("state", status.Error is null ? state : $"{state}: {status.Error}"),
                ("rounds", $"{status.RoundsCompleted}/{status.TotalRounds}"),
                ("rounds/s", status.ElapsedSeconds > 0 ? (status.RoundsCompleted / status.ElapsedSeconds).ToString("F1", CultureInfo.InvariantCulture) : "-"),
            };
            rows.AddRange((status.Players ?? []).Select(p => (p.Player.Name(), $"silo {p.Silo} ({p.SiloAddress}), device {p.Device}")));
            TableView.WritePairs(console, rows, "game");
            return 0;
        });
        return command;
    }
}
