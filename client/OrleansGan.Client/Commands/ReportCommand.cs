using System.CommandLine;
using System.Globalization;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Client.Runs;
using OrleansGan.Client.Views;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Native;
using OrleansGan.Core.Pictures;
using OrleansGan.Core.Spec;
using OrleansGan.Live;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary>
/// <c>report</c>: the pictures GAN Lab shows and a page per run, for any run folder, finished or still running. From
/// the folder's checkpoints (the latest, and any the diagnostics kept) both players are rebuilt and their field drawn;
/// from the evaluations the checkpoint records, an animation of the whole training; and report.html gathers the spec,
/// the summary, the pictures and the evaluations.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The animation's file name.</summary>
    public const string AnimationFile = "training.gif";

    public static Command Create(CommandConsoles consoles)
    {
        var run = new Option<DirectoryInfo>("--run") { Description = "A run folder (run's output), finished or still running.", Required = true };
        var frames = FlagParsers.Number<int>("--frames", $"Frames of the animation at most (default {TrainingAnimation.DefaultMaxFrames}), spread evenly over the evaluations.");
        var cells = FlagParsers.Number<int>("--cells", $"Cells along each side of the field's grid (default {FieldSnapshots.DefaultCells}).");
        var command = new Command("report", "Draw the field pictures (D's heatmap, the gradient message as arrows, the manifold, per-mode bars), the animation and report.html of a run folder.");
        foreach (var option in new Option[] { run, frames, cells })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancel) => ExecuteAsync(consoles, parse.GetValue(run)!,
            parse.GetResult(frames) is { Implicit: false } ? parse.GetValue(frames) : null, parse.GetResult(cells) is { Implicit: false } ? parse.GetValue(cells) : null, cancel));
        return command;
    }

    private static async Task<int> ExecuteAsync(CommandConsoles consoles, DirectoryInfo run, int? frames, int? cells, CancellationToken cancel)
    {
        string folder;
        GameSpec spec;
        string gameId;
        GameCheckpoint? latest;
        CheckpointedRecords? records;
        List<GameCheckpoint> kept;
        List<Diagnosis> diagnoses;
        try
        {
            if (frames is < 1 or > 1000)
            {
                throw new ArgumentException($"--frames: {frames} is not between 1 and 1000");
            }

            if (cells is < 8 or > 512)
            {
                throw new ArgumentException($"--cells: {cells} is not between 8 and 512");
            }

            folder = run.FullName;
            if (!Directory.Exists(folder))
            {
                throw new ArgumentException($"--run: '{folder}' is not a folder");
            }

            var specFile = Path.Combine(folder, RunFolder.SpecFile);
            var idFile = Path.Combine(folder, RunFolder.GameIdFile);
            if (!File.Exists(specFile) || !File.Exists(idFile))
            {
                throw new ArgumentException($"--run: '{folder}' has no {(File.Exists(specFile) ? RunFolder.GameIdFile : RunFolder.SpecFile)}; is it a run folder?");
            }

            spec = GameSpecLoader.Load(specFile, []);
            gameId = (await File.ReadAllTextAsync(idFile, cancel)).Trim();
            GameIds.Check(gameId, idFile);
            (latest, kept) = await CheckpointsAsync(Path.Combine(folder, "checkpoints"), gameId, cancel);
            records = latest is null ? null : await RecordsAsync(Path.Combine(folder, "checkpoints"), gameId, latest, spec, frames ?? TrainingAnimation.DefaultMaxFrames);
            diagnoses = latest?.Diagnoses is > 0 ? await DiagnosesAsync(Path.Combine(folder, "checkpoints"), gameId, latest.Diagnoses.Value) : [];
        }
        catch (Exception e) when (e is ArgumentException or InvalidGameSpecException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return RunCommand.Refuse(consoles.Errors, e);
        }

        // The in-game diagnoses up to the latest checkpoint, from the game's diagnosis log: a folder whose run was killed
        // before it wrote them (or was resumed elsewhere) gets each one's files and the series again.
        if (diagnoses.Count > 0)
        {
            RunFolder.WriteDiagnoses(folder, diagnoses, diagnoses, keepWhole: true);
            RunFolder.WriteDiagnosesOverRounds(folder, diagnoses);
        }

        var notes = Write(folder, spec, latest, records, kept, frames ?? TrainingAnimation.DefaultMaxFrames, cells ?? FieldSnapshots.DefaultCells);
        foreach (var note in notes)
        {
            consoles.Errors.MarkupLineInterpolated($"[yellow]{note}[/]");
        }

        WholeLine.Write(consoles.Output, $"results: {Path.Combine(folder, RunReport.FileName)}");
        return RunCommand.Finished;
    }

    /// <summary>
    /// Draws what the records allow and writes report.html; returns the notes the page shows (what could not be drawn,
    /// and why). A 2-D game's evaluations hold their field, so the latest one's picture and the animation come from the
    /// records alone (the run's own field-round-*.png are reused as frames where they exist); a checkpoint adds the field
    /// of its round where no evaluation holds one (a run from before evaluations recorded their field, or a snapshot
    /// the diagnostics kept). <c>run</c> calls this at the end of its game with the records it followed.
    /// </summary>
    internal static IReadOnlyList<string> Write(string folder, GameSpec spec, GameCheckpoint? latest, CheckpointedRecords? records, IReadOnlyList<GameCheckpoint> kept, int maxFrames, int cells)
    {
        TorchRuntime.EnsureLoaded();
        var notes = new List<string>();
        var pictures = new List<(string Caption, string File)>();
        var planar = FieldSnapshots.IsPlanar(spec);
        var evaluations = records?.Evaluations ?? [];
        var recorded = evaluations.Where(e => e.Field is not null).ToList();
        var fields = new Dictionary<int, FieldSnapshot>();
        if (planar && recorded.Count > 0)
        {
            var last = recorded[^1];
            var snapshot = FieldSnapshots.FromEvaluation(spec, last);
            WriteField(folder, snapshot);
            fields[last.Round] = snapshot;
            pictures.Add(($"the field at round {last.Round}, the latest evaluation", FieldFile(last.Round)));
            if (snapshot.ValuesAbsent is { } why)
            {
                notes.Add($"no heatmap: {why}");
            }
        }

        if (latest is null && recorded.Count == 0)
        {
            notes.Add(planar
                ? "no evaluation holds a field and there is no checkpoint in the run folder (a game on a cluster keeps it on the cluster's silos; checkpoint.every 0 keeps none): no field pictures, and the animation is made of the folder's pictures"
                : "no checkpoint in the run folder: the animation is made of the folder's pictures");
        }
        else if (planar && latest is not null)
        {
            foreach (var checkpoint in kept.Append(latest).DistinctBy(c => c.Round).Where(c => !recorded.Any(e => e.Round == c.Round)).OrderByDescending(c => c.Round))
            {
                var snapshot = FieldSnapshots.FromCheckpoint(checkpoint, cells);
                fields[checkpoint.Round] = snapshot;
                WriteField(folder, snapshot);
                pictures.Add((checkpoint == latest ? $"the field at round {checkpoint.Round}, the latest checkpoint" : $"the field at round {checkpoint.Round}, a kept checkpoint", FieldFile(checkpoint.Round)));
                if (snapshot.ValuesAbsent is { } why)
                {
                    notes.Add($"round {checkpoint.Round}: no heatmap: {why}");
                }
            }
        }

        var frames = Frames(folder, spec, records, fields, planar, maxFrames);
        if (frames.Count > 0)
        {
            RunFolder.WriteFile(folder, AnimationFile, path => TrainingAnimation.Save(path, frames));
            var partial = planar && recorded.Count < evaluations.Count && fields.Count > 0 ? "; the heatmap and arrows appear at evaluations that hold a field and rounds with a checkpoint" : "";
            pictures.Add((string.Create(CultureInfo.InvariantCulture, $"the training, {frames.Count} frames over the evaluations{partial}"), AnimationFile));
        }

        if (records is { Rounds.Count: > 0 } && !File.Exists(Path.Combine(folder, "curves.png")))
        {
            RunFolder.WriteFile(folder, "curves.png", path => Pictures.Curves(path, records.Rounds, records.Evaluations));
        }

        pictures.Add(("losses, the discriminator's outputs and coverage over the rounds", "curves.png"));
        pictures.Add(("the same 16 latent samples at every evaluation (one row each)", "digits-progress.png"));
        pictures.Add(("the equilibrium diagnoses over the rounds", RunFolder.DiagnosesOverRoundsFile));
        if (latest is not null && RunFolder.RecordedRounds(folder) > latest.Round)
        {
            notes.Add($"the latest checkpoint is of round {latest.Round}; rounds.csv records {RunFolder.RecordedRounds(folder)} rounds (a checkpoint is kept every {spec.Checkpoint.Every})");
        }

        RunFolder.WriteFile(folder, RunReport.FileName, path => File.WriteAllText(path, RunReport.Html(folder, pictures, notes)));
        return notes;
    }

    /// <summary>
    /// Whether an evaluation may be a frame of the animation: with <c>evaluation.fieldEvery</c> above 1 on 2-D data only
    /// those that hold a field (so the frames do not flicker between pictures with and without the heatmap), else all.
    /// </summary>
    internal static bool IsFrame(GameSpec spec, EvaluationRecord evaluation) =>
        spec.Evaluation.FieldEvery <= 1 || evaluation.Field is not null || !FieldSnapshots.IsPlanar(spec);

    /// <summary>The file a field picture of round <paramref name="round"/> has in a run folder.</summary>
    public static string FieldFile(int round) => string.Create(CultureInfo.InvariantCulture, $"field-round-{round:D6}.png");

    private static void WriteField(string folder, FieldSnapshot snapshot) =>
        RunFolder.WriteFile(folder, FieldFile(snapshot.Round), path => FieldPictures.Save(path, snapshot));

    /// <summary>The latest checkpoint of the game in a run folder's checkpoint store, and those its diagnostics kept.</summary>
    /// <summary>
    /// The round and evaluation records up to <paramref name="latest"/>, as the report draws them (<see cref="FollowedRecords"/>:
    /// bounded whatever the game's length): a version-1 checkpoint carries them, later ones leave them in the append-only
    /// logs beside the checkpoints (the embedded silo's <see cref="FileGameLogStore"/>), which are read a page at a time.
    /// </summary>
    internal static async Task<CheckpointedRecords> RecordsAsync(string root, string gameId, GameCheckpoint latest, GameSpec spec, int maxFrames)
    {
        var followed = new FollowedRecords(spec, maxFrames);
        if (latest.Records is { } carried)
        {
            foreach (var round in carried.Rounds)
            {
                followed.Add(round);
            }

            foreach (var evaluation in carried.Evaluations)
            {
                followed.Add(evaluation);
            }

            return followed.ForReport();
        }

        var logs = new FileGameLogStore(root);
        await using (var rounds = logs.Rounds(gameId))
        {
            await PageAsync(rounds, latest.Round, RoundsPage, followed.Add);
        }

        await using (var evaluations = logs.Evaluations(gameId))
        {
            await PageAsync(evaluations, latest.Evaluations, EvaluationsPage, followed.Add);
        }

        return followed.ForReport();
    }

    /// <summary>The first <paramref name="count"/> diagnoses of the game's diagnosis log (the count its latest checkpoint records).</summary>
    internal static async Task<List<Diagnosis>> DiagnosesAsync(string root, string gameId, int count)
    {
        var diagnoses = new List<Diagnosis>();
        await using var log = new FileGameLogStore(root).Diagnoses(gameId);
        await PageAsync(log, count, DiagnosesPage, diagnoses.Add);
        return diagnoses;
    }

    // Pages of the logs read at once: a round record is ~100 bytes, a 2-D evaluation with its samples and field ~90 KB.
    private const int RoundsPage = 10_000;
    private const int EvaluationsPage = 8;
    private const int DiagnosesPage = 16;

    private static async Task PageAsync<T>(IRecordLog<T> log, int count, int page, Action<T> add)
    {
        for (var read = 0; read < count;)
        {
            var records = await log.ReadAsync(read, Math.Min(page, count - read));
            if (records.Count == 0)
            {
                return;
            }

            foreach (var record in records)
            {
                add(record);
            }

            read += records.Count;
        }
    }

    internal static async Task<(GameCheckpoint? Latest, List<GameCheckpoint> Kept)> CheckpointsAsync(string root, string gameId, CancellationToken cancel)
    {
        var store = new FileCheckpointStore(root);
        var kept = new List<GameCheckpoint>();
        if (!Directory.Exists(root))
        {
            return (null, kept);
        }

        var bytes = await store.LoadAsync(gameId, cancel);
        var latest = bytes is null ? null : GameCheckpointFormat.Read(bytes, store.Describe(gameId));
        var prefix = SnapshotKeys.Of(gameId, 0)[..^6];
        foreach (var place in Directory.EnumerateDirectories(root, prefix + "*").Order(StringComparer.Ordinal))
        {
            if (int.TryParse(Path.GetFileName(place)[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var round)
                && await store.LoadAsync(SnapshotKeys.Of(gameId, round), cancel) is { } snapshot)
            {
                kept.Add(GameCheckpointFormat.Read(snapshot, store.Describe(SnapshotKeys.Of(gameId, round))));
            }
        }

        return (latest, kept);
    }

    // One frame per chosen evaluation: for 2-D data its field picture (the run's own field-round file where the run
    // drew it, else drawn from the evaluation's field or from a checkpoint of its round, else the samples and mode
    // shares alone), for images the 8 x 8 digits; without records, the folder's own per-evaluation pictures.
    private static List<byte[]> Frames(string folder, GameSpec spec, CheckpointedRecords? records, Dictionary<int, FieldSnapshot> fields, bool planar, int maxFrames)
    {
        if (records is not null)
        {
            var evaluations = records.Evaluations.Where(e => IsFrame(spec, e)).ToList();
            if (evaluations.Count == 0)
            {
                evaluations = [.. records.Evaluations];
            }

            var chosen = TrainingAnimation.Pick(evaluations.Count, maxFrames).Select(i => evaluations[i]).ToList();
            if (planar)
            {
                return chosen.Select(e => e.Field is not null && File.Exists(Path.Combine(folder, FieldFile(e.Round)))
                    ? File.ReadAllBytes(Path.Combine(folder, FieldFile(e.Round)))
                    : FieldPictures.Png(fields.TryGetValue(e.Round, out var full) ? full : FieldSnapshots.FromEvaluation(spec, e))).ToList();
            }

            return chosen.Where(e => e.SampleGrid is not null).Select(DigitPictures.GridPng).ToList();
        }

        var pattern = spec.Data.Kind == DataKind.Mnist ? "digits-round-*.png" : "samples-round-*.png";
        var files = Directory.EnumerateFiles(folder, pattern).Order(StringComparer.Ordinal).ToList();
        return TrainingAnimation.Pick(files.Count, maxFrames).Select(i => File.ReadAllBytes(files[i])).ToList();
    }
}
