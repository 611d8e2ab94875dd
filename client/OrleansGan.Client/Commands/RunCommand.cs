using System.CommandLine;
using System.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Abstractions.Watching;
using OrleansGan.Client.Hosting;
using OrleansGan.Client.Runs;
using OrleansGan.Client.Views;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Data;
using OrleansGan.Core.Devices;
using OrleansGan.Core.Native;
using OrleansGan.Core.Pictures;
using OrleansGan.Core.Randomness;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Tensors;
using OrleansGan.Live;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary><c>run</c>: plays one game from a spec and flags, and leaves its results in a run folder.</summary>
internal static class RunCommand
{
    /// <summary>Exit codes a script can act on.</summary>
    public const int Finished = 0, InvalidInput = 2, Diverged = 3, Failed = 4, Cancelled = 130;

    public static Command Create(CommandConsoles consoles)
    {
        var flags = new SpecFlags();
        var output = new Option<DirectoryInfo?>("--out") { Description = "Run folder (default: runs/<name>-<time>). Must not hold files yet." };
        var cluster = new ClusterFlags("A running cluster: its gateways host:port[,host:port...], or redis://host:port of its membership (every gateway, kept current); without it the game runs on an embedded silo.", required: false);
        var metricsPort = FlagParsers.Number<int>("--metrics-port", "Serve the embedded silo's metrics at http://127.0.0.1:PORT/metrics (Prometheus format) while the game runs.");
        var livePort = FlagParsers.Number<int>("--live-port", "Serve the embedded silo's live pages at http://127.0.0.1:PORT/games (the game's state, curves and samples, updated as it plays).");
        var command = new Command("run", "Play a GAN training game and write its results (spec, CSV metrics, pictures).");
        foreach (var option in flags.All.Append(output).Concat(cluster.All).Append(metricsPort).Append(livePort))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancel) => ExecuteAsync(consoles, flags, parse, parse.GetValue(output), cluster,
            parse.GetResult(metricsPort) is { Implicit: false } ? parse.GetValue(metricsPort) : null,
            parse.GetResult(livePort) is { Implicit: false } ? parse.GetValue(livePort) : null, cancel));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        CommandConsoles consoles, SpecFlags flags, ParseResult parse, DirectoryInfo? output, ClusterFlags clusterFlags, int? metricsPort, int? livePort, CancellationToken cancel)
    {
        // Everything that can be refused is refused before anything is written or started.
        GameSpec spec;
        string? cluster;
        try
        {
            spec = GameSpecLoader.Load(parse.GetValue(flags.Spec)?.FullName, flags.Overrides(parse));
            cluster = clusterFlags.Gateway(parse);
            if (metricsPort is { } port && (port is < 1 or > 65535 || cluster is not null))
            {
                throw new ArgumentException(cluster is null
                    ? $"--metrics-port: {port} is not a port (1-65535)"
                    : "--metrics-port: only the embedded silo serves metrics from this process; a cluster's silos serve their own (Telemetry:Port)");
            }

            if (livePort is { } live && (live is < 1 or > 65535 || cluster is not null || live == metricsPort))
            {
                throw new ArgumentException(cluster is not null
                    ? "--live-port: only the embedded silo serves live pages from this process; a cluster's silos serve their own at /games on Telemetry:Port"
                    : live == metricsPort ? $"--live-port: {live} is the --metrics-port too; choose another" : $"--live-port: {live} is not a port (1-65535)");
            }

            if (cluster is null)
            {
                CheckLocally(spec);
            }
        }
        catch (Exception e) when (e is InvalidGameSpecException or ArgumentException or InvalidDataException or DirectoryNotFoundException or FileNotFoundException)
        {
            return Refuse(consoles.Errors, e);
        }
        catch (InvalidOperationException e)
        {
            // The MNIST digits could not be downloaded.
            consoles.Errors.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return Failed;
        }

        var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var folderPath = output?.FullName ?? Path.Combine(Environment.CurrentDirectory, "runs", $"{spec.Name}-{stamp}");
        bool created;
        FolderLock held;
        try
        {
            created = RunFolder.Reserve(folderPath);
        }
        catch (ArgumentException e)
        {
            return Refuse(consoles.Errors, e);
        }

        try
        {
            held = FolderLock.Take(folderPath, "--out");
        }
        catch (ArgumentException e)
        {
            RunFolder.Abandon(folderPath, created);
            return Refuse(consoles.Errors, e);
        }

        using var _ = held;
        int Abandon(int code)
        {
            held.Dispose();
            RunFolder.Abandon(folderPath, created);
            return code;
        }

        var gameId = $"{spec.Name}-{stamp}-{Guid.NewGuid().ToString("N")[..6]}";
        var (connection, exit) = await ConnectAsync(consoles.Errors, cluster, clusterFlags.Timeout(parse), CheckpointRoots.Single(Path.Combine(folderPath, "checkpoints")), metricsPort, cancel, livePort);
        if (connection is null)
        {
            return Abandon(exit);
        }

        await using (connection)
        {
            var game = connection.Client.GetGrain<IGameGrain>(gameId);
            if (await StartAsync(consoles.Errors, () => game.StartAsync(spec), $"game {gameId} could not start") is { } refused)
            {
                return Abandon(refused);
            }

            WholeLine.Write(consoles.Output, $"game {gameId}: {spec.Protocol}, {KebabName(spec.Loss)} loss, {spec.Rounds} rounds on the {connection.Description}");
            RunFolder folder;
            try
            {
                folder = RunFolder.Create(folderPath, spec, gameId);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await game.CancelAsync();
                consoles.Errors.MarkupLineInterpolated($"[red]error:[/] --out: could not write the run folder '{folderPath}': {e.Message}; the game was cancelled");
                return Failed;
            }

            using (folder)
            {
                return await PlayAsync(consoles, connection.Client, connection.Address, game, spec, folder, cancel);
            }
        }
    }

    /// <summary>What only this machine can check for an embedded game: the native layer, the devices, the data files.</summary>
    internal static void CheckLocally(GameSpec spec)
    {
        TorchRuntime.EnsureLoaded();
        var problems = new[] { ("generator.device", spec.Generator.Device), ("discriminator.device", spec.Discriminator.Device) }
            .Where(d => DeviceName.Unavailable(d.Item2) is not null)
            .Select(d => $"{d.Item1}: {DeviceName.Unavailable(d.Item2)}")
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidGameSpecException(problems);
        }

        // The digits are read (or downloaded) once per process: the embedded silo's players reuse what this loads.
        if (spec.Data.Kind == DataKind.Mnist)
        {
            RealData.For(spec.Data);
        }
    }

    /// <summary>Prints why the input was refused to <paramref name="errors"/>; returns <see cref="InvalidInput"/>.</summary>
    internal static int Refuse(IAnsiConsole errors, Exception e)
    {
        if (e is InvalidGameSpecException { Problems.Count: 1 } one)
        {
            errors.MarkupLineInterpolated($"[red]error:[/] {one.Problems[0]}");
        }
        else
        {
            errors.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
        }

        return InvalidInput;
    }

    /// <summary>
    /// The embedded silo (checkpoints under <paramref name="checkpoints"/>) or the cluster at <paramref name="cluster"/>;
    /// null with the exit code after saying why not (to <paramref name="errors"/>): 2 for a malformed address or a port
    /// in use, 4 for a cluster that cannot be reached, 130 for Ctrl+C.
    /// </summary>
    internal static Task<(GameConnection? Connection, int ExitCode)> ConnectAsync(
        IAnsiConsole errors, string? cluster, TimeSpan timeout, CheckpointRoots? checkpoints, int? metricsPort, CancellationToken cancel, int? livePort = null)
        => ConnectAsync(errors, cluster is null
            ? () => GameConnection.EmbeddedAsync(checkpoints ?? throw new ArgumentNullException(nameof(checkpoints)), cancel, metricsPort, livePort)
            : () => GameConnection.ConnectAsync(cluster, cancel, timeout), cancel);

    /// <summary>What <paramref name="connect"/> gives, or the exit code after saying why not (see the overload above).</summary>
    internal static async Task<(GameConnection? Connection, int ExitCode)> ConnectAsync(IAnsiConsole errors, Func<Task<GameConnection>> connect, CancellationToken cancel)
    {
        try
        {
            return (await connect(), Finished);
        }
        catch (ArgumentException e)
        {
            return (null, Refuse(errors, e));
        }
        catch (Exception) when (cancel.IsCancellationRequested)
        {
            // Not only OperationCanceledException: Ctrl+C inside the embedded silo's start surfaces as Orleans'
            // OrleansLifecycleCanceledException (or whatever the half-started host throws as it is torn down), and
            // that is the user's cancellation, not a failure.
            errors.MarkupLine("[yellow]cancelled before the game started; nothing was written[/]");
            return (null, Cancelled);
        }
        catch (Exception e)
        {
            errors.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return (null, Failed);
        }
    }

    /// <summary>
    /// Runs the grain call that starts (or resumes) a game. A refusal by the game (its spec, its checkpoint, a game of
    /// that id already running) is invalid input; anything else a failure, either said to <paramref name="errors"/>.
    /// Returns null once the game runs.
    /// </summary>
    internal static async Task<int?> StartAsync(IAnsiConsole errors, Func<Task> start, string what)
    {
        try
        {
            await start();
            return null;
        }
        catch (Exception e) when (e is InvalidGameSpecException or InvalidDataException or InvalidOperationException or ArgumentException)
        {
            errors.MarkupLineInterpolated($"[red]error:[/] {what}: {OneLine(e)}");
            return InvalidInput;
        }
        catch (Exception e)
        {
            errors.MarkupLineInterpolated($"[red]error:[/] {what}: {OneLine(e)}");
            return Failed;
        }
    }

    /// <summary>
    /// Follows the game by what it pushes, shows its progress and writes its results; the game has started. A client
    /// that loses the cluster for good says so in one line, with the command that follows the game, which plays on.
    /// </summary>
    /// <param name="consoles">Progress and the summary go to its output; a lost cluster and a resumed game's kept files to its errors.</param>
    /// <param name="grains">The connection's grain factory (the watch's observer is made with it).</param>
    /// <param name="cluster">The --cluster address, or null for the embedded silo (which cannot be lost).</param>
    /// <param name="game">The game.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="folder">Where its results go.</param>
    /// <param name="cancel">Ctrl+C: asks the game to stop after its round in progress.</param>
    /// <param name="watching">How the game is followed (default: <see cref="WatchOptions"/>' defaults).</param>
    /// <param name="observed">Also sees every status the game pushes, and its last one (a sweep's progress board).</param>
    internal static async Task<int> PlayAsync(
        CommandConsoles consoles, IGrainFactory grains, string? cluster, IGameGrain game, GameSpec spec, RunFolder folder, CancellationToken cancel,
        WatchOptions? watching = null, Action<GameStatus>? observed = null)
    {
        // Only the 2-D mixtures are drawn over a real sample; image data is drawn from the evaluations' sample grids.
        var mixture = spec.Data.Kind == DataKind.Mnist ? null : GaussianMixture.For(spec.Data);
        var realSample = Pictures.RealSample(spec);

        // What the summary, curves and report are drawn from, in memory bounded whatever the game's length.
        var records = new FollowedRecords(spec, TrainingAnimation.DefaultMaxFrames);

        // The digits' progress (up to 120 rows) is redrawn at most this often while the game plays, and at its end: an
        // MNIST game evaluated every few rounds would otherwise leave the client drawing far behind the game.
        long? progressDrawn = null;
        var progressEvery = TimeSpan.FromSeconds(5);
        void WriteDigitsProgress() => folder.WriteFile("digits-progress.png", path => DigitPictures.Progress(path, records.Drawn));
        var diagnoses = new List<Abstractions.Diagnostics.Diagnosis>();
        GameStatus? status = null;
        void Write(GameStatus progress)
        {
            status = progress;
            observed?.Invoke(progress);
            foreach (var round in progress.NewRounds)
            {
                records.Add(round);
            }

            folder.Append(progress.NewRounds);
            foreach (var evaluation in progress.NewEvaluations)
            {
                records.Add(evaluation);
                folder.Append(evaluation);
                if (mixture is { Dimension: 2 })
                {
                    folder.WriteFile($"samples-round-{evaluation.Round:D6}.png", path => Pictures.Samples(path, evaluation, mixture, spec.Evaluation.QualityStds, realSample));
                }

                if (evaluation.Field is not null)
                {
                    folder.WriteFile(ReportCommand.FieldFile(evaluation.Round), path => FieldPictures.Save(path, FieldSnapshots.FromEvaluation(spec, evaluation)));
                }

                if (evaluation.SampleGrid is not null)
                {
                    folder.WriteFile($"digits-round-{evaluation.Round:D6}.png", path => DigitPictures.Grid(path, evaluation));
                    if (progressDrawn is not { } at || Stopwatch.GetElapsedTime(at) >= progressEvery)
                    {
                        WriteDigitsProgress();
                        progressDrawn = Stopwatch.GetTimestamp();
                    }
                }
            }
        }

        try
        {
            await new ProgressView(consoles.Output).ShowAsync(spec.Rounds, async report =>
            {
                // A pushed status counts the game's diagnoses; new ones (large, and rare) are paged from the game's
                // diagnosis log when it says so (a resumed game's log starts with those of its earlier rounds).
                string Describe(GameStatus progress) => ProgressView.Describe(progress, records.LastRound, records.LastEvaluation)
                    + (diagnoses.Count == 0 ? "" : $"  diagnosed round {diagnoses[^1].Round}: {diagnoses[^1].Verdict.Classification}");
                async Task CatchUpDiagnosesAsync(GameStatus progress)
                {
                    var fresh = new List<Abstractions.Diagnostics.Diagnosis>();
                    while (progress.Diagnoses > diagnoses.Count + fresh.Count)
                    {
                        // An empty page: the game went back to a checkpoint meanwhile, and will diagnose those rounds again.
                        var page = await game.GetDiagnosesAsync(diagnoses.Count + fresh.Count);
                        if (page.Count == 0)
                        {
                            break;
                        }

                        fresh.AddRange(page);
                    }

                    if (fresh.Count > 0)
                    {
                        diagnoses.AddRange(fresh);
                        folder.Append(fresh, diagnoses);
                    }
                }

                await using var watch = GameWatch.Start(grains, game, async progress =>
                {
                    Write(progress);
                    await CatchUpDiagnosesAsync(progress);
                    report(progress.RoundsCompleted, Describe(progress));
                }, watching);

                // Ctrl+C asks the game to stop after its round in progress; the watch then sees it end.
                await using var stop = cancel.Register(() => _ = CancelQuietlyAsync(game));
                status = await watch.WhenOverAsync();

                // The last diagnosis may end after the last round's records were pushed: the end's status counts it.
                await CatchUpDiagnosesAsync(status);
                observed?.Invoke(status);
                report(status.RoundsCompleted, Describe(status));
            });
        }
        catch (Exception e)
        {
            if (cluster is not null && GameConnection.IsLostCluster(e))
            {
                var id = game.GetPrimaryKeyString();
                consoles.Errors.MarkupLineInterpolated(
                    $"[red]error:[/] lost the cluster at {cluster} while following game {id} ({OneLine(e)}); the game plays on there: follow it with `orleans-gan status {id} --cluster {cluster}`");
            }

            // The game (or its cluster) was lost, or the folder could not be written: say so in the summary too.
            status = (status ?? new GameStatus(GameState.Failed, records.Rounds, spec.Rounds, 0, [], [], null))
                with { State = GameState.Failed, Error = $"the client lost the game: {OneLine(e)}" };
        }

        var rows = SummaryView.Rows(status!, records.Recent, records.LastEvaluation, spec.Protocol.ToString(), KebabName(spec.Loss), folder.Path);
        if (folder.Replaced)
        {
            if (records.Rounds > 0)
            {
                folder.WriteFile("curves.png", path => Pictures.Curves(path, records.Curve.Points, records.Evaluations));
            }

            folder.WriteText(RunFolder.SummaryFile, SummaryView.AsText(rows));
        }

        if (records.LatestDrawn?.SampleGrid is not null)
        {
            WriteDigitsProgress();
        }

        RunFolder.WriteDiagnosesOverRounds(folder.Path, diagnoses);

        if (folder.Replaced && records.Evaluations.Count > 0)
        {
            // The page of the run, from the records followed (a game on a cluster keeps its checkpoints there).
            ReportCommand.Write(folder.Path, spec, latest: null, records.ForReport(), [], TrainingAnimation.DefaultMaxFrames, FieldSnapshots.DefaultCells);
        }

        SummaryView.Write(consoles.Output, rows);
        if (!folder.Replaced)
        {
            consoles.Errors.MarkupLineInterpolated(
                $"[yellow]the resumed game stopped after {records.Rounds} rounds, before the {folder.RoundsBefore} rounds the folder already held: its CSV files, curves and summary are kept as they were[/]");
        }

        return status!.State switch
        {
            GameState.Finished => Finished,
            GameState.Diverged => Diverged,
            GameState.Cancelled => Cancelled,
            _ => Failed,
        };
    }

    private static async Task CancelQuietlyAsync(IGameGrain game)
    {
        try
        {
            await game.CancelAsync();
        }
        catch (Exception)
        {
            // The watch reports a lost cluster; a cancel that could not be sent changes nothing else.
        }
    }

    // Orleans wraps some failures; the innermost message on one line is what the user needs.
    private static string OneLine(Exception e) =>
        (e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e).Message.ReplaceLineEndings(" ");

    private static string KebabName(LossKind loss) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(loss.ToString());
}
