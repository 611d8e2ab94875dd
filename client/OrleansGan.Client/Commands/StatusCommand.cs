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
    public static Command Create(CommandConsoles consoles)
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
                consoles.Errors.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return RunCommand.InvalidInput;
            }

            // With the game's latest diagnosis, from its diagnosis log (a game with a diagnostics section).
            var (read, exit) = await cluster.ReadAsync(consoles.Errors, parse, $" for game {id}", async client =>
            {
                var game = client.GetGrain<IGameGrain>(id);
                var status = await game.GetStatusAsync(int.MaxValue, int.MaxValue);
                var page = status.Diagnoses > 0 ? await game.GetDiagnosesAsync(status.Diagnoses - 1) : [];
                var latest = page.Count > 0 ? page[^1] : null;
                return (Status: status, Latest: latest);
            }, cancel);
            if (read.Status is not { } status)
            {
                return exit;
            }

            if (status.State == GameState.Created)
            {
                var address = parse.GetValue(cluster.Cluster);
                consoles.Errors.MarkupLineInterpolated($"[red]error:[/] game-id: the cluster at {address} has no game '{id}' ('orleans-gan list --cluster {address}' shows its games)");
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
            if (read.Latest is { } diagnosis)
            {
                rows.Add(("diagnoses", $"{status.Diagnoses}, the latest after round {diagnosis.Round}: {diagnosis.Verdict.Classification}"));
            }

            rows.AddRange((status.Players ?? []).Select(p => (p.Player.Name(), $"silo {p.Silo} ({p.SiloAddress}), device {p.Device}")));
            TableView.WritePairs(consoles.Output, rows, "game");
            return 0;
        });
        return command;
    }
}
