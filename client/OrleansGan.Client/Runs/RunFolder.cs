using System.Globalization;
using System.Text;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;

namespace OrleansGan.Client.Runs;

/// <summary>
/// The results of one run on disk: the resolved spec, a CSV row per round and per evaluation, pictures, and a
/// summary. Rows are appended as they arrive, so an interrupted run keeps what it played; every other file is
/// written beside its final name and renamed over it, so a crash never leaves half a picture or summary.
/// A resumed game writes its CSV files beside the old ones and puts them in their place only once they hold at least
/// as many rounds: a resume that fails or stops early loses nothing the folder already held.
/// </summary>
internal sealed class RunFolder : IDisposable
{
    /// <summary>The files a run folder is recognised by.</summary>
    public const string SpecFile = "spec.json", GameIdFile = "game-id.txt", RoundsFile = "rounds.csv", EvaluationsFile = "evaluations.csv", SummaryFile = "summary.txt";

    private const string ResumedSuffix = ".resumed";

    // UTF-8 without a byte-order mark: Python's csv and pandas would read the first header as "\ufeffround".
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _roundsHeader;
    private readonly string _evaluationsHeader;
    private readonly int _recordedRounds;
    private readonly bool _resumed;
    private StreamWriter _rounds;
    private StreamWriter _evaluations;
    private bool _replaced;
    private int _roundsWritten;

    private RunFolder(string path, GameSpec spec, bool resumed)
    {
        Path = path;
        var tracked = spec.Evaluation.TrackParameters ? GameSpecValidator.ParameterCount(spec) : 0;
        var positions = string.Concat(Enumerable.Range(0, (int)tracked).Select(i => $",parameter_{i}"));
        _roundsHeader = "round,discriminator_loss,generator_loss,mean_real_score,mean_fake_score,discriminator_gradient_norm,generator_gradient_norm" + positions;
        _evaluationsHeader = "round,modes_covered,mode_count,high_quality_fraction,mean_real_score,mean_fake_score,"
            + "mean_confidence,frechet_distance," + string.Join(',', Enumerable.Range(0, 10).Select(c => $"class_{c}_share")) + ",class_accuracy,reverse_kl";
        _recordedRounds = resumed ? RecordedRounds(path) : 0;
        _resumed = resumed;
        _replaced = !resumed;
        var suffix = resumed ? ResumedSuffix : "";
        _rounds = Open(RoundsFile + suffix, _roundsHeader);
        _evaluations = Open(EvaluationsFile + suffix, _evaluationsHeader);
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Rounds the folder's rounds.csv held before this command.</summary>
    public int RoundsBefore => _recordedRounds;

    /// <summary>
    /// Makes sure <paramref name="path"/> can become a new run folder before anything starts: it must be a folder that
    /// does not exist yet or is empty, and it is created (empty) here. Returns whether it was created, so a game that
    /// never starts can leave no folder behind (<see cref="Abandon"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The path is a file, holds files, or cannot be created; the message names --out.</exception>
    public static bool Reserve(string path)
    {
        if (File.Exists(path))
        {
            throw new ArgumentException($"--out: '{path}' is a file, not a folder");
        }

        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new ArgumentException($"--out: '{path}' already exists and is not empty{Describe(path)}; choose another folder so no earlier results are overwritten");
        }

        var created = !Directory.Exists(path);
        try
        {
            Directory.CreateDirectory(path);
            var probe = System.IO.Path.Combine(path, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Abandon(path, created);
            throw new ArgumentException($"--out: cannot write a run folder at '{path}': {e.Message}", e);
        }

        return created;
    }

    /// <summary>Removes a folder <see cref="Reserve"/> created, if nothing was written into it.</summary>
    public static void Abandon(string path, bool created)
    {
        try
        {
            // A folder lock its command has let go of is not a result.
            var lockFile = System.IO.Path.Combine(path, FolderLock.FileName);
            if (created && Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).All(e => e == lockFile))
            {
                File.Delete(lockFile);
                Directory.Delete(path);
            }
        }
        catch (IOException)
        {
            // Leaving an empty folder behind loses nothing.
        }
    }

    /// <summary>Starts a new run in a folder <see cref="Reserve"/> has made ready, writing its spec and game id.</summary>
    public static RunFolder Create(string path, GameSpec spec, string gameId)
    {
        WriteAtomically(System.IO.Path.Combine(path, SpecFile), GameSpecLoader.ToJson(spec));
        WriteAtomically(System.IO.Path.Combine(path, GameIdFile), gameId + Environment.NewLine);
        return new RunFolder(path, spec, resumed: false);
    }

    /// <summary>
    /// Reopens a run folder for its resumed game. A resumed game reports every round again from the start of its
    /// record, so the CSV files are written anew beside the old ones (<c>rounds.csv.resumed</c>) and replace them
    /// once they hold at least as many rounds (<see cref="Append(IEnumerable{RoundRecord})"/>).
    /// </summary>
    public static RunFolder Continue(string path, GameSpec spec) => new(path, spec, resumed: true);

    /// <summary>Whether the folder's CSV files now hold this command's record (always, for a new run).</summary>
    public bool Replaced => _replaced;

    /// <summary>Appends round rows.</summary>
    public void Append(IEnumerable<RoundRecord> rounds)
    {
        foreach (var r in rounds)
        {
            double[] figures = [r.Round, r.DiscriminatorLoss, r.GeneratorLoss, r.MeanRealScore, r.MeanFakeScore,
                r.DiscriminatorGradientNorm, r.GeneratorGradientNorm];
            _rounds.WriteLine(Row([.. figures, .. r.Position ?? []]));
            _roundsWritten++;
        }

        _rounds.Flush();
        _evaluations.Flush();
        if (!_replaced && _roundsWritten >= _recordedRounds && _roundsWritten > 0)
        {
            Replace();
        }
    }

    /// <summary>Appends an evaluation row.</summary>
    public void Append(EvaluationRecord e)
    {
        // Image figures are empty cells for the mixtures, which have no classifier; the class accuracy is empty unless
        // the generator is class-conditional; the reverse KL is empty for images and when no sample is high-quality.
        var shares = e.ClassShares ?? [];
        var images = Enumerable.Range(0, 10).Select(c => c < shares.Length ? Cell(shares[c]) : "")
            .Prepend(Cell(e.FrechetDistance)).Prepend(Cell(e.MeanConfidence)).Append(Cell(e.ClassAccuracy)).Append(Cell(e.ReverseKl));
        _evaluations.WriteLine(Row([e.Round, e.ModesCovered, e.ModeCount, e.HighQualityFraction, e.MeanRealScore, e.MeanFakeScore])
            + "," + string.Join(',', images));
        _evaluations.Flush();
    }

    /// <summary>
    /// Writes each of the <paramref name="fresh"/> in-game diagnoses into diagnosis-round-NNNNNN/ (its pictures, then
    /// its CSV files and table) and rewrites diagnoses.csv, one row per diagnosis of <paramref name="series"/> (the
    /// game's whole diagnosis log as followed, fresh ones included), atomically. A resumed game's log brings back the
    /// diagnoses of its earlier rounds: those the folder already holds whole (their diagnosis.md, written last) are the
    /// same numbers and are not drawn again.
    /// </summary>
    public void Append(IReadOnlyList<Diagnosis> fresh, IReadOnlyList<Diagnosis> series) => WriteDiagnoses(Path, fresh, series, keepWhole: _resumed);

    /// <summary>
    /// Writes each of <paramref name="fresh"/> into <paramref name="folder"/>'s diagnosis-round-NNNNNN/ (skipping, where
    /// <paramref name="keepWhole"/>, those the folder already holds whole: their diagnosis.md is written last) and
    /// rewrites diagnoses.csv from <paramref name="series"/>, atomically; for <c>run</c> as its game goes, and for
    /// <c>report</c> from the game's diagnosis log.
    /// </summary>
    public static void WriteDiagnoses(string folder, IReadOnlyList<Diagnosis> fresh, IReadOnlyList<Diagnosis> series, bool keepWhole)
    {
        foreach (var diagnosis in fresh)
        {
            var place = System.IO.Path.Combine(folder, $"diagnosis-round-{diagnosis.Round:D6}");
            if (keepWhole && File.Exists(System.IO.Path.Combine(place, "diagnosis.md")))
            {
                continue;
            }

            Directory.CreateDirectory(place);
            DiagnosisPictures.Write(place, diagnosis);
            DiagnosisFiles.Write(place, diagnosis);
        }

        WriteAtomically(System.IO.Path.Combine(folder, "diagnoses.csv"),
            string.Concat(series.Select(d => DiagnosisFiles.SeriesRow(d) + Environment.NewLine).Prepend(DiagnosisFiles.SeriesHeader + Environment.NewLine)));
    }

    /// <summary>The picture of a game's diagnoses over its rounds, for two diagnoses or more.</summary>
    public const string DiagnosesOverRoundsFile = "diagnoses-over-rounds.png";

    /// <summary>Draws <see cref="DiagnosesOverRoundsFile"/> into <paramref name="folder"/> from <paramref name="series"/>, where it holds two diagnoses or more.</summary>
    public static void WriteDiagnosesOverRounds(string folder, IReadOnlyList<Diagnosis> series)
    {
        if (series.Count > 1)
        {
            WriteFile(folder, DiagnosesOverRoundsFile, path => DiagnosisPictures.OverRounds(path, series));
        }
    }

    /// <summary>Writes a text file into the folder, atomically.</summary>
    public void WriteText(string name, string text) => WriteAtomically(PathOf(name), text);

    /// <summary>Writes a file into the folder with <paramref name="write"/> (given a temporary path), then renames it into place.</summary>
    public void WriteFile(string name, Action<string> write) => WriteFile(Path, name, write);

    /// <summary>Writes a file into <paramref name="folder"/> with <paramref name="write"/> (given a temporary path), then renames it into place.</summary>
    public static void WriteFile(string folder, string name, Action<string> write)
    {
        var final = System.IO.Path.Combine(folder, name);
        var temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileNameWithoutExtension(name)}-{Guid.NewGuid():N}{System.IO.Path.GetExtension(name)}");
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

    /// <summary>The path of a file in the folder.</summary>
    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Closes the files; a resumed record that never caught up with the old one is removed, the old one kept.</summary>
    public void Dispose()
    {
        _rounds.Dispose();
        _evaluations.Dispose();
        if (!_replaced)
        {
            File.Delete(PathOf(RoundsFile + ResumedSuffix));
            File.Delete(PathOf(EvaluationsFile + ResumedSuffix));
        }
    }

    /// <summary>Rows (rounds) in the folder's rounds.csv; 0 when it has none.</summary>
    public static int RecordedRounds(string path)
    {
        var file = System.IO.Path.Combine(path, RoundsFile);
        if (!File.Exists(file))
        {
            return 0;
        }

        using var reader = new StreamReader(file, Utf8);
        var lines = 0;
        while (reader.ReadLine() is { } line)
        {
            lines += line.Length > 0 ? 1 : 0;
        }

        return Math.Max(0, lines - 1);
    }

    // The new record takes the old one's place: each file is renamed over its old self (atomic on POSIX file systems),
    // and writing goes on at its end.
    private void Replace()
    {
        _rounds.Dispose();
        _evaluations.Dispose();
        File.Move(PathOf(EvaluationsFile + ResumedSuffix), PathOf(EvaluationsFile), overwrite: true);
        File.Move(PathOf(RoundsFile + ResumedSuffix), PathOf(RoundsFile), overwrite: true);
        _rounds = new StreamWriter(PathOf(RoundsFile), append: true, Utf8);
        _evaluations = new StreamWriter(PathOf(EvaluationsFile), append: true, Utf8);
        _replaced = true;
    }

    private StreamWriter Open(string name, string header)
    {
        var writer = new StreamWriter(PathOf(name), append: false, Utf8);
        writer.WriteLine(header);
        writer.Flush();
        return writer;
    }

    // What an earlier run left in a folder, for the message that refuses to overwrite it.
    private static string Describe(string path)
    {
        var summary = System.IO.Path.Combine(path, SummaryFile);
        var state = File.Exists(summary) ? File.ReadLines(summary).FirstOrDefault(l => l.StartsWith("state: ", StringComparison.Ordinal)) : null;
        var id = System.IO.Path.Combine(path, GameIdFile);
        return File.Exists(id)
            ? $" (it holds the run of game {File.ReadLines(id).FirstOrDefault()?.Trim()}{(state is null ? "" : ", " + state)}; 'resume --run' continues it from its last checkpoint)"
            : "";
    }

    private static void WriteAtomically(string path, string text)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.writing";
        try
        {
            File.WriteAllText(temporary, text, Utf8);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string Cell(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Row(IEnumerable<double> values) =>
        string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
