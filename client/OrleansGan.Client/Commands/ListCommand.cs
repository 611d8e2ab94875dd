using System.CommandLine;
using System.Globalization;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Client.Views;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary><c>list</c>: the games on a running cluster, their progress, and where each player lives.</summary>
internal static class ListCommand
{
    public static Command Create(CommandConsoles consoles)
    {
        var cluster = new ClusterFlags("The cluster: its gateways host:port[,host:port...] or redis://host:port of its membership.", required: true);
        var command = new Command("list", "List the games on a running cluster with their state and the silo and device of each player.");
        foreach (var option in cluster.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancel) =>
        {
            var (rows, exit) = await cluster.ReadAsync(consoles.Errors, parse, "", async client =>
            {
                var rows = new List<string[]>();
                foreach (var entry in await client.GetGrain<IGameDirectoryGrain>(0).ListAsync())
                {
                    var status = await client.GetGrain<IGameGrain>(entry.GameId).GetStatusAsync(int.MaxValue, int.MaxValue);
                    string Where(int i) => status.Players is { Count: > 1 } players ? $"{players[i].Silo} / {players[i].Device}" : "-";

                    // The game's own durable record is the truth about its state; the directory knows which games exist.
                    rows.Add([entry.GameId, status.State.ToString().ToLowerInvariant(),
                        string.Create(CultureInfo.InvariantCulture, $"{status.RoundsCompleted}/{status.TotalRounds}"),
                        status.Silo ?? "-", Where(0), Where(1)]);
                }

                return rows;
            }, cancel);
            if (rows is null)
            {
                return exit;
            }

            TableView.Write(consoles.Output, ["game", "state", "rounds", "game silo", "generator", "discriminator"], rows, 0);
            return 0;
        });
        return command;
    }
}
