using System.CommandLine;
using System.Globalization;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Client.Runs;
using OrleansGan.Client.Sweeps;
using OrleansGan.Client.Views;
using OrleansGan.Core.Checkpoints;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary>
/// <c>forget</c>: removes ended games' stored data (checkpoints, kept snapshots, record logs, durable records, reminders)
/// and their directory entries, on a cluster or in run and sweep folders (an embedded game's store is its folder's
/// checkpoints/); the folders' results (CSV files, pictures, report.html) stay. Each game forgets itself
/// (<see cref="IGameGrain.ForgetAsync"/>), so a running game is refused where it runs and nothing else is touched.
/// Exit 0 when every named game is forgotten or was not stored; 2 for bad input or a game that is still running
/// (the others are forgotten all the same); 4 when the cluster or the store fails.
/// </summary>
internal static class ForgetCommand
{
    public static Command Create(CommandConsoles consoles)
    {
        var ids = new Argument<string[]>("game-id") { Description = "Games on the cluster (--cluster) to forget.", Arity = ArgumentArity.ZeroOrMore };
        var runs = new Option<DirectoryInfo[]>("--run") { Description = "Run folders whose game to forget (its store is the folder's checkpoints/, or the cluster's with --cluster); repeatable.", AllowMultipleArgumentsPerToken = true };
        var sweep = new Option<DirectoryInfo?>("--sweep") { Description = "A sweep folder: forget every game of the sweep (in its run folders, or on the cluster with --cluster)." };
        var before = new Option<string?>("--finished-before") { Description = "With --cluster alone: every game the cluster's directory lists as ended before this UTC date or time (2026-12-01, 2026-12-01T18:00)." };
        var cluster = new ClusterFlags("Gateway host:port of the cluster that holds the games; without it, --run and --sweep folders hold them.", required: false);
        var command = new Command("forget", "Remove ended games' checkpoints, record logs and records (and their directory entries); results in run folders stay.");
        command.Arguments.Add(ids);
        foreach (var option in new Option[] { runs, sweep, before }.Concat(cluster.All))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancel) => ExecuteAsync(consoles, parse, parse.GetValue(ids) ?? [], parse.GetValue(runs) ?? [], parse.GetValue(sweep), parse.GetValue(before), cluster, cancel));
        return command;
    }

    // One store and the games to forget in it; Refused are games its folders say have not ended (not asked at all:
    // asking would activate, and so continue, an interrupted embedded game).
    private sealed record Target(string? Cluster, CheckpointRoots? Roots, IReadOnlyList<string> Games, IReadOnlyList<(string Game, string Why)> Refused);

    private static async Task<int> ExecuteAsync(
        CommandConsoles consoles, ParseResult parse, string[] ids, DirectoryInfo[] runs, DirectoryInfo? sweep, string? before, ClusterFlags clusterFlags, CancellationToken cancel)
    {
        var locks = new List<FolderLock>();
        try
        {
            List<Target> targets;
            DateTimeOffset? endedBefore;
            try
            {
                targets = Targets(parse, ids, runs, sweep, before, clusterFlags, locks, out endedBefore);
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                return RunCommand.Refuse(consoles.Errors, e);
            }

            if (endedBefore is { } date)
            {
                if (await EndedBeforeAsync(consoles, parse, clusterFlags, date, cancel) is not { } listed)
                {
                    return RunCommand.Failed;
                }

                targets = [listed];
            }

            var exit = RunCommand.Finished;
            var counts = new Dictionary<ForgetOutcome, int>();
            foreach (var target in targets)
            {
                foreach (var (game, why) in target.Refused)
                {
                    consoles.Errors.MarkupLineInterpolated($"[red]refused:[/] game {game}: {why}; nothing of it was removed");
                    exit = RunCommand.InvalidInput;
                }

                if (target.Games.Count == 0)
                {
                    continue;
                }

                var (connection, connected) = await RunCommand.ConnectAsync(consoles.Errors, target.Cluster, clusterFlags.Timeout(parse), target.Roots, null, cancel);
                if (connection is null)
                {
                    return connected;
                }

                await using (connection)
                {
                    foreach (var game in target.Games)
                    {
                        ForgetResult result;
                        try
                        {
                            result = await connection.Client.GetGrain<IGameGrain>(game).ForgetAsync();
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            consoles.Errors.MarkupLineInterpolated($"[red]error:[/] game {game} could not be forgotten ({e.Message}); what is left of it stays, and forgetting it again finishes the job");
                            return RunCommand.Failed;
                        }

                        // A running game's refusal goes with the folders' refusals; forgotten or not stored is a result.
                        counts[result.Outcome] = counts.GetValueOrDefault(result.Outcome) + 1;
                        WholeLine.Write(result.Outcome == ForgetOutcome.Running ? consoles.Errors : consoles.Output, Line(game, result));
                        if (result.Outcome == ForgetOutcome.Running)
                        {
                            exit = RunCommand.InvalidInput;
                        }
                    }
                }
            }

            WholeLine.Write(consoles.Output, $"{counts.GetValueOrDefault(ForgetOutcome.Forgotten)} forgotten, {counts.GetValueOrDefault(ForgetOutcome.Unknown)} not stored, "
                + $"{counts.GetValueOrDefault(ForgetOutcome.Running) + targets.Sum(t => t.Refused.Count)} refused");
            return exit;
        }
        finally
        {
            foreach (var held in locks)
            {
                held.Dispose();
            }
        }
    }

    private static string Line(string game, ForgetResult result) => result.Outcome switch
    {
        ForgetOutcome.Forgotten => $"forgotten: game {game} ({result.State.ToString().ToLowerInvariant()}): record, record logs and directory entry removed"
            + (result.Removed.Count > 0 ? $", {result.Removed.Count} checkpoint(s) ({result.Removed[0]}{(result.Removed.Count > 1 ? ", ..." : "")})" : ", no checkpoint"),
        ForgetOutcome.Unknown => $"not stored: game {game} (never played here, or forgotten before); nothing to remove",
        _ => $"refused: game {game} is running; cancel it or wait for its end, then forget it; nothing of it was removed",
    };

    private static List<Target> Targets(
        ParseResult parse, string[] ids, DirectoryInfo[] runs, DirectoryInfo? sweep, string? before, ClusterFlags clusterFlags, List<FolderLock> locks, out DateTimeOffset? endedBefore)
    {
        var cluster = clusterFlags.Gateway(parse);
        endedBefore = null;
        if (before is not null)
        {
            if (cluster is null || ids.Length > 0 || runs.Length > 0 || sweep is not null)
            {
                throw new ArgumentException("--finished-before: takes the games from the cluster's directory, so it needs --cluster and no game ids, --run or --sweep");
            }

            endedBefore = DateTimeOffset.TryParse(before, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                ? date
                : throw new ArgumentException($"--finished-before: '{before}' is not a date or time (2026-12-01, 2026-12-01T18:00, UTC unless an offset is given)");
            return [];
        }

        if (ids.Length == 0 && runs.Length == 0 && sweep is null)
        {
            throw new ArgumentException("forget: name the games: game ids (with --cluster), --run folders, a --sweep folder, or --cluster with --finished-before");
        }

        if (ids.Length > 0 && cluster is null)
        {
            throw new ArgumentException("--cluster: game ids name games on a cluster; an embedded game is forgotten by its folder (--run or --sweep)");
        }

        foreach (var id in ids)
        {
            GameIds.Check(id, "game-id");
        }

        var targets = new List<Target>();
        if (ids.Length > 0)
        {
            targets.Add(new Target(cluster, null, ids.Distinct(StringComparer.Ordinal).ToList(), []));
        }

        foreach (var run in runs)
        {
            var (id, _) = ResumeCommand.ReadFolder(run.FullName);

            // A run or resume still writing the folder is a running game: refused before anything is asked.
            try
            {
                locks.Add(FolderLock.Take(run.FullName, "--run"));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"game {id} is running (or its folder is busy), so it is not forgotten: {e.Message}", e);
            }
            targets.Add(cluster is not null || Ended(run.FullName) is not null
                ? new Target(cluster, CheckpointRoots.Single(Path.Combine(run.FullName, "checkpoints")), [id], [])
                : new Target(null, null, [], [(id, $"its run folder {run.FullName} does not say it ended (interrupted: 'resume --run' continues it)")]));
        }

        if (sweep is not null)
        {
            if (!sweep.Exists)
            {
                throw new ArgumentException($"--sweep: '{sweep.FullName}' does not exist");
            }

            var folder = SweepFolder.Existing(sweep.FullName, "--sweep");
            locks.Add(FolderLock.Take(folder.Path, "--sweep"));
            var games = folder.Plan.Games.Where(g => cluster is not null || Directory.Exists(folder.RunFolderOf(g))).ToList();
            var ended = cluster is not null ? games : games.Where(g => Ended(folder.RunFolderOf(g)) is not null).ToList();
            targets.Add(new Target(cluster, folder.Checkpoints, ended.Select(g => g.GameId).ToList(),
                games.Except(ended).Select(g => (g.GameId, $"its run folder {g.Folder} does not say it ended (interrupted: rerunning the sweep continues it)")).ToList()));
        }

        return targets;
    }

    // The ended games the cluster's directory lists as ended before the date; null (after saying why) when it cannot be read.
    private static async Task<Target?> EndedBeforeAsync(CommandConsoles consoles, ParseResult parse, ClusterFlags clusterFlags, DateTimeOffset before, CancellationToken cancel)
    {
        var (entries, _) = await clusterFlags.ReadAsync(consoles.Errors, parse, "'s game directory", client => client.GetGrain<IGameDirectoryGrain>(0).ListAsync(), cancel);
        if (entries is null)
        {
            return null;
        }

        var games = entries.Where(e => e.State is not (GameState.Running or GameState.Created) && e.Since < before).Select(e => e.GameId).ToList();
        WholeLine.Write(consoles.Output, $"{games.Count} of the {entries.Count} games the directory lists ended before {before:u}");
        return new Target(clusterFlags.Gateway(parse), null, games, []);
    }

    // The state a run folder's summary ends with (finished, failed, diverged, cancelled), or null when it has none.
    private static string? Ended(string runFolder)
    {
        var summary = Path.Combine(runFolder, RunFolder.SummaryFile);
        var state = File.Exists(summary) ? File.ReadLines(summary).FirstOrDefault(l => l.StartsWith("state: ", StringComparison.Ordinal)) : null;
        var word = state?["state: ".Length..].Split(':')[0].Trim();
        return word is "finished" or "failed" or "diverged" or "cancelled" ? word : null;
    }
}
