using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Client.Commands;
using OrleansGan.Client.Hosting;
using OrleansGan.Client.Runs;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Spec;
using Spectre.Console;

namespace OrleansGan.Client.Sweeps;

/// <summary>
/// The one place where a sweep meets the commands' game code: it starts, resumes or attaches to one game exactly as
/// <c>run</c> and <c>resume</c> do, and leaves the same run folder (<see cref="RunCommand.PlayAsync"/> writes it). A game
/// whose run folder exists is continued: on a cluster, a game still running there (or over there, its client gone) is
/// attached to; otherwise the game resumes from its last checkpoint, or, having none, plays again from round 0
/// under its id, its new record replacing the folder's once it is as long (<see cref="RunFolder.Continue"/>). On the
/// embedded silo a game's checkpoints are in its run folder (<see cref="SweepFolder.CheckpointsOf"/>), so
/// <c>resume --run</c> continues any one game as it continues a game of <c>run</c>.
/// </summary>
internal sealed class SweepGamePlayer(GameConnection connection, SweepFolder sweep)
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(3);

    /// <summary>Plays <paramref name="game"/> to its end; <paramref name="progress"/> sees every status the game reports. Returns the exit code <c>run</c> would.</summary>
    public async Task<(int ExitCode, string? Error)> PlayAsync(SweepPlan.Game game, Action<GameStatus> progress, CancellationToken cancel)
    {
        var spec = GameSpecLoader.FromTree((System.Text.Json.Nodes.JsonObject)game.Spec.DeepClone());
        var folderPath = sweep.RunFolderOf(game);
        var grain = connection.Client.GetGrain<IGameGrain>(game.GameId);
        Directory.CreateDirectory(Path.GetDirectoryName(sweep.LogOf(game))!);
        await using var log = new StreamWriter(sweep.LogOf(game), append: true);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(log),
        });
        console.Profile.Width = 4096;
        console.WriteLine($"{DateTime.Now:O} game {game.GameId} ({game.Key})");

        // A new game's run folder is made before the game starts: the embedded silo writes its checkpoints into it. The
        // game's folder is locked while it plays, as run's is, so a `resume --run` of that one folder is refused meanwhile.
        var continued = File.Exists(Path.Combine(folderPath, RunFolder.SpecFile));
        RunFolder? created = null;
        FolderLock? held = null;
        try
        {
            if (!continued)
            {
                RunFolder.Reserve(folderPath);
            }

            held = FolderLock.Take(folderPath, $"game {game.Index:D4}");
            if (!continued)
            {
                created = RunFolder.Create(folderPath, spec, game.GameId);
            }

            var how = await StartPatientlyAsync(console, grain, game, spec, cancel);
            console.WriteLine($"game {game.GameId} {how} on the {connection.Description}");
        }
        catch (Exception e)
        {
            created?.Dispose();
            held?.Dispose();
            if (e is OperationCanceledException)
            {
                throw;
            }

            var error = $"could not start: {OneLine(e)}";
            console.WriteLine($"error: {error}");
            return (e is InvalidGameSpecException or ArgumentException ? RunCommand.InvalidInput : RunCommand.Failed, error);
        }

        using var _ = held;
        var folder = created ?? RunFolder.Continue(folderPath, spec);
        GameStatus? last = null;
        using (folder)
        {
            // The game's log holds its whole story, what went wrong included, in the order it happened.
            var exit = await RunCommand.PlayAsync(new CommandConsoles(console, console), connection.Client, connection.Address, grain, spec, folder, cancel, observed: status => progress(last = status));
            return (exit, last?.Error);
        }
    }

    /// <summary>
    /// Plays <paramref name="spec"/> once as a timing probe into the scratch run folder <paramref name="folder"/> (new or
    /// empty) under <paramref name="id"/>; returns its last status (its clock: rounds and evaluations, not the client).
    /// </summary>
    public static async Task<GameStatus?> ProbeAsync(GameConnection connection, GameSpec spec, string id, string folder, CancellationToken cancel)
    {
        var grain = connection.Client.GetGrain<IGameGrain>(id);
        await grain.StartAsync(spec);
        RunFolder.Reserve(folder);
        GameStatus? last = null;
        using var run = RunFolder.Create(folder, spec, id);
        var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(TextWriter.Null) });
        await RunCommand.PlayAsync(new CommandConsoles(quiet, quiet), connection.Client, connection.Address, grain, spec, run, cancel, observed: status => last = status);
        return last;
    }

    // A silo that has just died stays a member until the others declare it dead (tens of seconds, more under load), and
    // until then a call to a grain it held (the game, the placement book) fails. Starting is idempotent (it attaches to
    // a game a lost reply did start), so on a cluster it is tried again, for a while, before the game counts as failed.
    private async Task<string> StartPatientlyAsync(IAnsiConsole log, IGameGrain grain, SweepPlan.Game game, GameSpec spec, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + StartPatience;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartAsync(grain, game, spec, cancel);
            }
            catch (Exception e) when (connection.IsCluster && GameConnection.IsLostCluster(e) && DateTime.UtcNow < deadline)
            {
                log.WriteLine($"{DateTime.Now:O} start attempt {attempt} did not reach the game ({OneLine(e)}); trying again");
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, 2 * attempt)), cancel);
            }
        }
    }

    // Attach, resume or start, in that order of preference; says which.
    private async Task<string> StartAsync(IGameGrain grain, SweepPlan.Game game, GameSpec spec, CancellationToken cancel)
    {
        if (connection.IsCluster)
        {
            var status = await grain.GetStatusAsync(int.MaxValue, int.MaxValue);
            if (status.State is GameState.Running or GameState.Finished or GameState.Diverged && status.TotalRounds == spec.Rounds)
            {
                return $"attached ({status.State.ToString().ToLowerInvariant()} at round {status.RoundsCompleted})";
            }

            try
            {
                return $"resumed after round {await grain.ResumeAsync(spec)}";
            }
            catch (InvalidOperationException e) when (e.Message.Contains("no checkpoint", StringComparison.Ordinal))
            {
                await grain.StartAsync(spec);
                return "started from round 0";
            }
        }

        if (await new FileCheckpointStore(sweep.CheckpointsOf(game)).LoadAsync(game.GameId, cancel) is not null)
        {
            return $"resumed after round {await grain.ResumeAsync(spec)}";
        }

        await grain.StartAsync(spec);
        return "started from round 0";
    }

    private static string OneLine(Exception e) =>
        (e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e).Message.ReplaceLineEndings(" ");
}
