using System.CommandLine;
using System.Globalization;
using OrleansGan.Abstractions.Game;
using OrleansGan.Client.Hosting;
using OrleansGan.Client.Runs;
using OrleansGan.Client.Sweeps;
using OrleansGan.Client.Views;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Sweeps;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary>
/// <c>sweep</c>: plays every game of a sweep file (axes over a base spec), several at once, into one sweep folder, and
/// aggregates them (results.csv, summary.md, pictures). Rerunning it on the same folder skips finished games, continues
/// interrupted ones and retries failed ones; a changed sweep file is refused.
/// </summary>
internal static class SweepCommand
{
    private const int MaxParallel = 256;

    public static Command Create(CommandConsoles consoles)
    {
        var file = new Option<FileInfo>("--file") { Description = "The sweep file (YAML or JSON): a base spec, axes, how they combine, figures (README: Sweeps).", Required = true };
        var output = new Option<DirectoryInfo?>("--out") { Description = "The sweep folder (default: sweeps/<name>); rerunning on it continues the sweep." };
        var parallel = FlagParsers.Number<int>("--parallel", "Games played at once (default: this machine's cores).");
        parallel.DefaultValueFactory = _ => Environment.ProcessorCount;
        var dryRun = new Option<bool>("--dry-run") { Description = "List the games and estimate the time from a short probe of each configuration; play nothing." };
        var yes = new Option<bool>("--yes") { Description = $"Start a sweep of more than {SweepLimits.GamesWithoutConfirmation} games." };
        var probeRounds = FlagParsers.Number<int>("--probe-rounds", "Rounds of each --dry-run probe (default 20).");
        probeRounds.DefaultValueFactory = _ => 20;
        var cluster = new ClusterFlags("Gateway host:port of a running cluster to spread the games over; without it an embedded silo plays them.", required: false);
        var command = new Command("sweep", "Play a sweep of games (protocols x losses x seeds ...) and aggregate their results.");
        foreach (var option in new Option[] { file, output, parallel, dryRun, yes, probeRounds }.Concat(cluster.All))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancel) => ExecuteAsync(consoles, parse, parse.GetValue(file)!, parse.GetValue(output), parse.GetValue(parallel),
            parse.GetValue(dryRun), parse.GetValue(yes), parse.GetValue(probeRounds), cluster, cancel));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        CommandConsoles consoles, ParseResult parse, FileInfo file, DirectoryInfo? output, int parallel, bool dryRun, bool yes, int probeRounds, ClusterFlags clusterFlags, CancellationToken cancel)
    {
        SweepFolder folder;
        string? cluster;
        try
        {
            if (parallel is < 1 or > MaxParallel)
            {
                throw new ArgumentException($"--parallel: must be from 1 to {MaxParallel} (got {parallel})");
            }

            if (probeRounds is < 1 or > 10_000)
            {
                throw new ArgumentException($"--probe-rounds: must be from 1 to 10000 (got {probeRounds})");
            }

            cluster = clusterFlags.Gateway(parse);
            var sweep = SweepFileReader.Read(file.FullName);
            var games = SweepExpansion.Games(sweep);
            if (games.Count > SweepLimits.GamesWithoutConfirmation && !yes && !dryRun)
            {
                throw new ArgumentException($"--yes: the sweep makes {games.Count:N0} games, more than {SweepLimits.GamesWithoutConfirmation} without --yes; "
                    + "'sweep --dry-run' lists them and estimates the time");
            }

            if (cluster is null)
            {
                foreach (var spec in games.GroupBy(g => (g.Spec.Data, g.Spec.Generator.Device, g.Spec.Discriminator.Device)).Select(g => g.First().Spec))
                {
                    RunCommand.CheckLocally(spec);
                }
            }

            var figures = sweep.Figures ?? SweepFigures.Default(SweepExpansion.BaseData(games));
            var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var plan = SweepPlan.For($"{sweep.Name}-{stamp}-{Guid.NewGuid().ToString("N")[..6]}", sweep, games, figures);
            var path = output?.FullName ?? Path.Combine(Environment.CurrentDirectory, "sweeps", sweep.Name);
            folder = SweepFolder.Open(path, File.ReadAllText(file.FullName), plan, dryRun);
        }
        catch (InvalidSweepException e)
        {
            foreach (var problem in e.Problems)
            {
                consoles.Errors.MarkupLineInterpolated($"[red]error:[/] {file.Name}: {problem}");
            }

            return RunCommand.InvalidInput;
        }
        catch (Exception e) when (e is ArgumentException or InvalidGameSpecException or InvalidDataException or DirectoryNotFoundException or FileNotFoundException or IOException)
        {
            return RunCommand.Refuse(consoles.Errors, e);
        }

        FolderLock? held = null;
        if (!dryRun)
        {
            try
            {
                held = FolderLock.Take(folder.Path, "--out");
            }
            catch (ArgumentException e)
            {
                return RunCommand.Refuse(consoles.Errors, e);
            }
        }

        using var _ = held;
        var results = folder.Plan.Games.Select(g => (Game: g, Result: folder.ResultOf(g))).ToList();
        var pending = results.Where(r => r.Result is not (GameResult.Finished or GameResult.Diverged)).Select(r => r.Game).ToList();
        if (dryRun)
        {
            return await DryRunAsync(consoles, folder, results, pending, parallel, probeRounds, cluster, cancel);
        }

        WholeLine.Write(consoles.Output, $"sweep {folder.Plan.Name}: {folder.Plan.Games.Count} games, {results.Count - pending.Count} already done, {pending.Count} to play, {parallel} at once");
        WholeLine.Write(consoles.Output, $"folder: {folder.Path}");
        IReadOnlyList<(SweepPlan.Game Game, int ExitCode, string? Error)> outcomes = [];
        if (pending.Count > 0)
        {
            var (connection, exit) = await RunCommand.ConnectAsync(consoles.Errors, cluster, clusterFlags.Timeout(parse), folder.Checkpoints, null, cancel);
            if (connection is null)
            {
                return exit;
            }

            await using (connection)
            {
                var board = new SweepBoard(folder.Plan.Games.Count, results.Count - pending.Count);
                var work = SweepScheduler.RunAsync(pending, parallel, new SweepGamePlayer(connection, folder), board, cancel);
                await SweepProgressView.ShowAsync(consoles.Output, board, work);
                outcomes = await work;
            }
        }

        Aggregate(consoles.Output, folder, file);
        foreach (var (game, exit, error) in outcomes.Where(o => o.ExitCode is not (RunCommand.Finished or RunCommand.Diverged or RunCommand.Cancelled)))
        {
            consoles.Errors.MarkupLineInterpolated($"[red]failed:[/] {game.Key} ({game.Folder}, log {Path.Combine("logs", $"{game.Index:D4}.txt")}): {error ?? $"exit {exit}"}");
        }

        if (cancel.IsCancellationRequested || outcomes.Any(o => o.ExitCode == RunCommand.Cancelled))
        {
            consoles.Errors.MarkupLine("[yellow]cancelled: the games stopped after their rounds in progress; rerun the same command to continue the sweep[/]");
            return RunCommand.Cancelled;
        }

        return outcomes.Any(o => o.ExitCode is not (RunCommand.Finished or RunCommand.Diverged)) ? RunCommand.Failed : RunCommand.Finished;
    }

    private static void Aggregate(IAnsiConsole output, SweepFolder folder, FileInfo file)
    {
        var results = SweepResults.Read(folder);
        folder.Write(SweepResults.CsvFile, results.Csv());
        folder.Write(SweepResults.SummaryFile, results.Markdown($"orleans-gan sweep --file {file.Name} --out {folder.Path}"));
        var pictures = SweepPictures.Write(folder, results);
        folder.Write(SweepReport.FileName, SweepReport.Html(folder, results, pictures));
        var done = results.Games.Count(g => g.State is "finished" || g.State.StartsWith("diverged", StringComparison.Ordinal));
        WholeLine.Write(output, $"{done}/{results.Games.Count} games have results; {SweepResults.CsvFile}, {SweepResults.SummaryFile}, {SweepReport.FileName} and {pictures.Count} pictures written");
        WholeLine.Write(output, $"results: {folder.Path}");
    }

    private static async Task<int> DryRunAsync(
        CommandConsoles consoles, SweepFolder folder, IReadOnlyList<(SweepPlan.Game Game, GameResult Result)> games, IReadOnlyList<SweepPlan.Game> pending,
        int parallel, int probeRounds, string? cluster, CancellationToken cancel)
    {
        TableView.Write(consoles.Output, ["game", "axes", "rounds", "state", "folder"], games.Select(g => (IReadOnlyList<string>)
            [g.Game.Index.ToString(CultureInfo.InvariantCulture), g.Game.Key, g.Game.Spec["rounds"]!.ToString(), g.Result.ToString().ToLowerInvariant(), g.Game.Folder]), 1, 4);
        WholeLine.Write(consoles.Output, $"{games.Count} games, {pending.Count} to play; folder: {folder.Path}{(folder.Created ? " (not created by a dry run)" : "")}");
        if (pending.Count == 0)
        {
            return RunCommand.Finished;
        }

        // One short game per configuration (at most 8, spread over the sweep) on an embedded silo, one at a time.
        var configurations = pending.GroupBy(g => string.Join(", ", g.Levels.Where(l => l.Key != SweepAxis.SeedAxis).Select(l => $"{l.Key}={l.Value}"))).ToList();
        var probed = configurations.Where((_, i) => configurations.Count <= 8 || i % (int)Math.Ceiling(configurations.Count / 8.0) == 0).ToList();
        var scratch = Path.Combine(Path.GetTempPath(), $"orleansgan-probe-{Guid.NewGuid():N}");
        var rates = new Dictionary<string, double>();
        try
        {
            var (connection, exit) = await RunCommand.ConnectAsync(consoles.Errors, null, GameConnection.DefaultConnectTimeout, CheckpointRoots.Single(Path.Combine(scratch, "checkpoints")), null, cancel);
            if (connection is null)
            {
                return exit;
            }

            await using (connection)
            {
                foreach (var configuration in probed)
                {
                    var spec = GameSpecLoader.FromTree((System.Text.Json.Nodes.JsonObject)configuration.First().Spec.DeepClone());
                    var rounds = Math.Min(spec.Rounds, probeRounds);
                    spec = spec with { Rounds = rounds, Evaluation = spec.Evaluation with { Every = rounds }, Checkpoint = spec.Checkpoint with { Every = 0 }, Diagnostics = null };
                    var id = $"probe-{Guid.NewGuid():N}";
                    var status = await SweepGamePlayer.ProbeAsync(connection, spec, id, Path.Combine(scratch, id), cancel);
                    if (status is { State: GameState.Finished, ElapsedSeconds: > 0 })
                    {
                        rates[configuration.Key] = status.ElapsedSeconds / rounds;
                    }

                    // A probe that did not finish is no estimate, only why it failed.
                    WholeLine.Write(status is { State: GameState.Finished } ? consoles.Output : consoles.Errors, status is { State: GameState.Finished }
                        ? string.Create(CultureInfo.InvariantCulture, $"probe {configuration.Key}: {rounds} rounds in {status.ElapsedSeconds:F1} s ({rounds / status.ElapsedSeconds:F1} rounds/s)")
                        : $"probe {configuration.Key}: {status?.State.ToString().ToLowerInvariant() ?? "no status"} {status?.Error}");
                }
            }
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        if (cancel.IsCancellationRequested)
        {
            return RunCommand.Cancelled;
        }

        if (rates.Count == 0)
        {
            consoles.Errors.MarkupLine("[yellow]no probe finished: no estimate[/]");
            return RunCommand.Failed;
        }

        // A configuration not probed is taken at the mean rate of those that were.
        var mean = rates.Values.Average();
        var seconds = configurations.Sum(c => c.Sum(g => (int)g.Spec["rounds"]! * rates.GetValueOrDefault(c.Key, mean)));
        var at = Math.Min(parallel, Environment.ProcessorCount);
        WholeLine.Write(consoles.Output, string.Create(CultureInfo.InvariantCulture,
            $"estimate: {Duration(seconds)} one game at a time on this machine; about {Duration(seconds / at)} with {at} at once if the games share its {Environment.ProcessorCount} cores perfectly "
            + $"(probes of {probeRounds} rounds, evaluations counted at the probe's rate{(probed.Count < configurations.Count ? $"; {probed.Count} of {configurations.Count} configurations probed" : "")}"
            + $"{(cluster is null ? "" : "; probed here, not on the cluster")})"));
        return RunCommand.Finished;
    }

    private static string Duration(double seconds) => TimeSpan.FromSeconds(seconds) switch
    {
        var t when t.TotalHours >= 1 => $"{(int)t.TotalHours} h {t.Minutes} min",
        var t when t.TotalMinutes >= 1 => $"{(int)t.TotalMinutes} min {t.Seconds} s",
        var t => $"{t.TotalSeconds:F0} s",
    };
}
