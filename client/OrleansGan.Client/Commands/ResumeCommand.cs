using System.CommandLine;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Client.Runs;
using OrleansGan.Client.Views;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Spec;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary>
/// <c>resume</c>: continues a game from its last checkpoint. A run folder (an embedded run) holds its game id, its spec
/// and its checkpoints; a cluster keeps checkpoints on its silos, so there the game id is enough. Nothing in the
/// folder changes until the game has resumed, and its CSV files only once the resumed record is as long as theirs.
/// </summary>
internal static class ResumeCommand
{
    public static Command Create(CommandConsoles consoles)
    {
        var run = new Option<DirectoryInfo>("--run") { Description = "The run folder of the game to continue (its CSV files are replaced once the resumed game has replayed as many rounds as they hold).", Required = true };
        var cluster = new ClusterFlags("The cluster the game ran on: its gateways host:port[,host:port...] or redis://host:port of its membership; without it the game resumes on an embedded silo from the run folder's checkpoints.", required: false);
        var restart = new Option<bool>("--restart") { Description = "Play the game again from round 0, for a game that stopped before its first checkpoint (embedded runs only)." };
        var command = new Command("resume", "Continue a game from its last checkpoint, exactly as it would have gone on.");
        foreach (var option in cluster.All.Prepend(run).Append(restart))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancel) =>
        {
            var folder = parse.GetValue(run)!.FullName;
            var fromStart = parse.GetValue(restart);
            string gameId;
            GameSpec spec;
            string? address;
            FolderLock? held = null;
            try
            {
                address = cluster.Gateway(parse);
                (gameId, spec) = ReadFolder(folder);
                held = FolderLock.Take(folder, "--run");
                if (fromStart && address is not null)
                {
                    throw new ArgumentException("--restart: only an embedded run restarts from its folder; on a cluster, 'run --spec' the folder's spec.json as a new game");
                }

                if (address is null)
                {
                    await CheckCheckpointAsync(folder, gameId, spec, fromStart, cancel);
                    RunCommand.CheckLocally(spec);
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidGameSpecException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                held?.Dispose();
                return RunCommand.Refuse(consoles.Errors, e);
            }

            using var _ = held;
            var (connection, exit) = await RunCommand.ConnectAsync(consoles.Errors, address, cluster.Timeout(parse), CheckpointRoots.Single(Path.Combine(folder, "checkpoints")), null, cancel);
            if (connection is null)
            {
                return exit;
            }

            await using (connection)
            {
                var game = connection.Client.GetGrain<IGameGrain>(gameId);
                var round = 0;
                var refused = await RunCommand.StartAsync(consoles.Errors, async () =>
                {
                    if (fromStart)
                    {
                        await game.StartAsync(spec);
                    }
                    else
                    {
                        round = await game.ResumeAsync(spec);
                    }
                }, $"game {gameId} could not {(fromStart ? "restart" : "resume")}");
                if (refused is { } code)
                {
                    return code;
                }

                WholeLine.Write(consoles.Output, fromStart
                    ? $"game {gameId} restarted from round 0 on the {connection.Description}"
                    : $"game {gameId} resumed after round {round} on the {connection.Description}");
                RunFolder results;
                try
                {
                    results = RunFolder.Continue(folder, spec);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await game.CancelAsync();
                    consoles.Errors.MarkupLineInterpolated($"[red]error:[/] --run: could not write into '{folder}': {e.Message}; the game was cancelled");
                    return RunCommand.Failed;
                }

                using (results)
                {
                    return await RunCommand.PlayAsync(consoles, connection.Client, connection.Address, game, spec, results, cancel);
                }
            }
        });
        return command;
    }

    // The folder's game id and spec, each checked.
    /// <summary>A run folder's game id and spec; refused, naming --run, when it is not one.</summary>
    internal static (string GameId, GameSpec Spec) ReadFolder(string folder)
    {
        if (File.Exists(folder))
        {
            throw new ArgumentException($"--run: '{folder}' is a file, not a run folder");
        }

        if (!Directory.Exists(folder))
        {
            throw new ArgumentException($"--run: '{folder}' does not exist");
        }

        var idFile = Path.Combine(folder, RunFolder.GameIdFile);
        if (!File.Exists(idFile))
        {
            throw new ArgumentException($"--run: '{folder}' has no {RunFolder.GameIdFile}; is it a run folder?");
        }

        var id = new FileInfo(idFile).Length > 4096 ? "" : File.ReadAllText(idFile).Trim();
        GameIds.Check(id, idFile);
        var specFile = Path.Combine(folder, RunFolder.SpecFile);
        if (!File.Exists(specFile))
        {
            throw new ArgumentException($"--run: '{folder}' has no {RunFolder.SpecFile}; is it a run folder?");
        }

        return (id, GameSpecLoader.Load(specFile));
    }

    // An embedded game's checkpoint is in its folder: it is read and checked here, before anything starts, and the
    // errors say what to do.
    private static async Task CheckCheckpointAsync(string folder, string gameId, GameSpec spec, bool fromStart, CancellationToken cancel)
    {
        var store = new FileCheckpointStore(Path.Combine(folder, "checkpoints"));
        var bytes = await store.LoadAsync(gameId, cancel);
        if (fromStart)
        {
            if (bytes is not null)
            {
                throw new ArgumentException(
                    $"--restart: game {gameId} has a checkpoint ({store.Describe(gameId)}); 'resume' without --restart continues from it, and restarting would overwrite it");
            }

            return;
        }

        if (bytes is null)
        {
            var every = spec.Checkpoint.Every > 0 ? $"its first was due at round {spec.Checkpoint.Every}" : "checkpoint.every is 0";
            throw new ArgumentException($"--run: game {gameId} has no checkpoint ({every}; {RunFolder.RoundsFile} holds {RunFolder.RecordedRounds(folder)} rounds); "
                + "nothing was changed. 'resume --restart' plays it again from round 0");
        }

        GameCheckpoint checkpoint;
        try
        {
            checkpoint = GameCheckpointFormat.Read(bytes, store.Describe(gameId));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"--run: {e.Message}; nothing was changed", e);
        }

        if (GameCheckpointFormat.Differences(spec, checkpoint.Spec) is { Count: > 0 } differences)
        {
            throw new ArgumentException($"--run: {RunFolder.SpecFile} differs from the spec of the checkpoint (fields: {string.Join(", ", differences)}); "
                + $"nothing was changed. Restore {RunFolder.SpecFile}, or 'run --spec' it as a new game");
        }
    }
}
