using System.Text;
using OrleansGan.Client.Runs;
using OrleansGan.Core.Checkpoints;

namespace OrleansGan.Client.Sweeps;

/// <summary>
/// A sweep on disk: the sweep file as it was run (sweep.yaml), its plan (plan.json), one run folder per game under
/// games/ (each as <c>run --out</c> leaves it, its checkpoints in it when an embedded silo plays it), the embedded
/// silo's state that belongs to no game (checkpoints/), one client log per game under logs/,
/// and the aggregates (results.csv, summary.md, pictures). Every file but the run folders' CSV rows is written beside
/// its name and renamed into place.
/// </summary>
internal sealed class SweepFolder
{
    public const string SweepFile = "sweep.yaml", PlanFile = "plan.json";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private SweepFolder(string path, SweepPlan plan, bool created)
    {
        Path = path;
        Plan = plan;
        Created = created;
    }

    public string Path { get; }

    public SweepPlan Plan { get; private set; }

    /// <summary>True when this command made the folder (nothing had run in it).</summary>
    public bool Created { get; }

    /// <summary>
    /// Where the embedded silo keeps each game's checkpoint, snapshots, logs and record: in the game's run folder, as
    /// <c>run</c> does, so that <c>resume --run</c>, <c>report</c> and <c>analyze</c> take any game's folder on its own;
    /// what belongs to no game (the directory of games) in the sweep's checkpoints/.
    /// </summary>
    public CheckpointRoots Checkpoints => CheckpointRoots.PerGame(PathOf("checkpoints"), Plan.Games.ToDictionary(g => g.GameId, CheckpointsOf));

    /// <summary>The checkpoint folder of <paramref name="game"/> on the embedded silo: its run folder's checkpoints/, where <c>resume --run</c> looks.</summary>
    public string CheckpointsOf(SweepPlan.Game game) => System.IO.Path.Combine(RunFolderOf(game), "checkpoints");

    /// <summary>
    /// Opens <paramref name="path"/> for <paramref name="plan"/>: a new or empty folder becomes the sweep's; a sweep
    /// folder of the same sweep is reopened (its figures updated); anything else is refused, naming what differs.
    /// Nothing is written when <paramref name="dryRun"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The folder holds something else, or another sweep; the message names --out and what changed.</exception>
    public static SweepFolder Open(string path, string sweepText, SweepPlan plan, bool dryRun)
    {
        var planFile = System.IO.Path.Combine(path, PlanFile);
        if (File.Exists(path))
        {
            throw new ArgumentException($"--out: '{path}' is a file, not a sweep folder");
        }

        if (!File.Exists(planFile))
        {
            if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
            {
                throw new ArgumentException($"--out: '{path}' is not empty and holds no {PlanFile}: it is not a sweep folder; choose another folder so nothing in it is overwritten");
            }

            var folder = new SweepFolder(path, plan, created: true);
            if (!dryRun)
            {
                try
                {
                    Directory.CreateDirectory(path);
                    folder.Write(SweepFile, sweepText);
                    folder.Write(PlanFile, plan.ToJson());
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new ArgumentException($"--out: cannot write a sweep folder at '{path}': {e.Message}", e);
                }
            }

            return folder;
        }

        SweepPlan stored;
        try
        {
            stored = SweepPlan.Parse(File.ReadAllText(planFile), planFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ArgumentException($"--out: {e.Message}; nothing was changed", e);
        }

        if (stored.Differences(plan with { SweepId = stored.SweepId }) is { Count: > 0 } changes)
        {
            throw new ArgumentException($"--out: '{path}' holds the results of a different sweep; the sweep file changed since: {string.Join("; ", changes)}. "
                + "Nothing was changed: run the changed sweep into another folder (--out), or restore the file (the folder keeps it as sweep.yaml)");
        }

        // The same games under the folder's own id; only the figures to aggregate may have changed.
        var reopened = new SweepFolder(path, stored with { Figures = plan.Figures }, created: false);
        if (!dryRun && !stored.Figures.SequenceEqual(plan.Figures))
        {
            reopened.Write(PlanFile, reopened.Plan.ToJson());
        }

        return reopened;
    }

    /// <summary>An existing sweep folder as its plan.json describes it (for commands that take one without its sweep file).</summary>
    /// <exception cref="ArgumentException">The folder holds no readable plan; the message names <paramref name="flag"/>.</exception>
    public static SweepFolder Existing(string path, string flag)
    {
        var planFile = System.IO.Path.Combine(path, PlanFile);
        if (!File.Exists(planFile))
        {
            throw new ArgumentException($"{flag}: '{path}' holds no {PlanFile}: it is not a sweep folder");
        }

        try
        {
            return new SweepFolder(path, SweepPlan.Parse(File.ReadAllText(planFile), planFile), created: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ArgumentException($"{flag}: {e.Message}", e);
        }
    }

    /// <summary>The run folder of <paramref name="game"/>.</summary>
    public string RunFolderOf(SweepPlan.Game game) => PathOf(game.Folder);

    /// <summary>Where the client's lines about <paramref name="game"/> go.</summary>
    public string LogOf(SweepPlan.Game game) => PathOf(System.IO.Path.Combine("logs", $"{game.Index:D4}.txt"));

    /// <summary>Whether <paramref name="game"/> has a result: its run folder's summary says it finished or diverged (a divergence is a result too).</summary>
    public GameResult ResultOf(SweepPlan.Game game)
    {
        var summary = System.IO.Path.Combine(RunFolderOf(game), RunFolder.SummaryFile);
        var state = File.Exists(summary) ? File.ReadLines(summary).FirstOrDefault() ?? "" : "";
        return state switch
        {
            "state: finished" => GameResult.Finished,
            _ when state.StartsWith("state: diverged", StringComparison.Ordinal) => GameResult.Diverged,
            _ when state.StartsWith("state: failed", StringComparison.Ordinal) => GameResult.Failed,
            _ when Directory.Exists(RunFolderOf(game)) => GameResult.Interrupted,
            _ => GameResult.NotStarted,
        };
    }

    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a text file into the folder, atomically.</summary>
    public void Write(string name, string text)
    {
        var final = PathOf(name);
        var temporary = $"{final}.{Guid.NewGuid():N}.writing";
        try
        {
            File.WriteAllText(temporary, text, Utf8);
            File.Move(temporary, final, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes a file with <paramref name="write"/> (given a temporary path), then renames it into place.</summary>
    public void WriteFile(string name, Action<string> write)
    {
        var final = PathOf(name);
        var temporary = PathOf($".{System.IO.Path.GetFileNameWithoutExtension(name)}-{Guid.NewGuid():N}{System.IO.Path.GetExtension(name)}");
        try
        {
            write(temporary);
            File.Move(temporary, final, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
