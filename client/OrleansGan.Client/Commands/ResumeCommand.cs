using System.CommandLine;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Client.Hosting;
using OrleansGan.Client.Runs;
using OrleansGan.Core.Spec;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary>
/// <c>resume</c>: continues a game from its last checkpoint. A run folder (an embedded run) holds its game id, its spec
/// and its checkpoints; a cluster keeps checkpoints on its silos, so there the game id is enough.
/// </summary>
internal static class ResumeCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var run = new Option<DirectoryInfo>("--run") { Description = "The run folder of the game to continue (its CSV files and pictures are rewritten from the checkpoint on).", Required = true };
        var cluster = new Option<string?>("--cluster") { Description = "The cluster the game ran on: its gateways host:port[,host:port...] or redis://host:port of its membership; without it the game resumes on an embedded silo from the run folder's checkpoints." };
        var command = new Command("resume", "Continue a game from its last checkpoint, exactly as it would have gone on.");
        command.Options.Add(run);
        command.Options.Add(cluster);
        command.SetAction(async (parse, cancel) =>
        {
            var folder = parse.GetValue(run)!.FullName;
            var address = parse.GetValue(cluster);
            string gameId;
            Abstractions.Spec.GameSpec spec;
            try
            {
                gameId = File.Exists(Path.Combine(folder, "game-id.txt"))
                    ? (await File.ReadAllTextAsync(Path.Combine(folder, "game-id.txt"), cancel)).Trim()
                    : throw new IOException($"--run: '{folder}' has no game-id.txt; is it a run folder?");
                spec = GameSpecLoader.Load(Path.Combine(folder, "spec.json"));
                if (address is not null)
                {
                    GameConnection.ParseCluster(address);
                }
            }
            catch (Exception e) when (e is IOException or InvalidGameSpecException or ArgumentException)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return RunCommand.InvalidInput;
            }

            await using var connection = address is null
                ? await GameConnection.EmbeddedAsync(Path.Combine(folder, "checkpoints"), cancel)
                : await GameConnection.ConnectAsync(address, cancel);
            var game = connection.Client.GetGrain<IGameGrain>(gameId);
            using var results = RunFolder.Reopen(folder, spec);
            try
            {
                return await RunCommand.PlayAsync(console, connection, game, spec, results, async () =>
                {
                    var round = await game.ResumeAsync(spec);
                    console.MarkupLineInterpolated($"[grey]game {gameId} resumed after round {round} on the {connection.Description}[/]");
                }, cancel);
            }
            catch (InvalidOperationException e)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return RunCommand.Failed;
            }
        });
        return command;
    }
}
