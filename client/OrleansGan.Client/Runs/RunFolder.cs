using System.Globalization;
using System.Text;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;

namespace OrleansGan.Client.Runs;

/// <summary>
/// The results of one run on disk: the resolved spec, a CSV row per round and per evaluation, pictures, and a
/// summary. Rows are appended as they arrive, so an interrupted run keeps what it played.
/// </summary>
internal sealed class RunFolder : IDisposable
{
    private readonly StreamWriter _rounds;
    private readonly StreamWriter _evaluations;

    private RunFolder(string path, long trackedParameters)
    {
        Path = path;
        _rounds = new StreamWriter(System.IO.Path.Combine(path, "rounds.csv"), append: false, Encoding.UTF8);
        var positions = string.Concat(Enumerable.Range(0, (int)trackedParameters).Select(i => $",parameter_{i}"));
        _rounds.WriteLine("round,discriminator_loss,generator_loss,mean_real_score,mean_fake_score,discriminator_gradient_norm,generator_gradient_norm" + positions);
        _evaluations = new StreamWriter(System.IO.Path.Combine(path, "evaluations.csv"), append: false, Encoding.UTF8);
        _evaluations.WriteLine("round,modes_covered,mode_count,high_quality_fraction,mean_real_score,mean_fake_score,"
            + "mean_confidence,frechet_distance," + string.Join(',', Enumerable.Range(0, 10).Select(c => $"class_{c}_share")) + ",class_accuracy,reverse_kl");
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Creates a new, empty run folder and writes the spec into it; refuses a folder that already holds files.</summary>
    public static RunFolder Create(string path, GameSpec spec)
    {
        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new IOException($"--out: '{path}' already exists and is not empty; choose another folder so no earlier results are overwritten");
        }

        Directory.CreateDirectory(path);
        File.WriteAllText(System.IO.Path.Combine(path, "spec.json"), GameSpecLoader.ToJson(spec));
        return new RunFolder(path, spec.Evaluation.TrackParameters ? GameSpecValidator.ParameterCount(spec) : 0);
    }

    /// <summary>
    /// Reopens a run folder to continue its game: the CSV files start again from their headers, since a resumed game
    /// reports every round again from its checkpoint, and rows written after that checkpoint were never saved by it.
    /// </summary>
    public static RunFolder Reopen(string path, GameSpec spec)
    {
        if (!File.Exists(System.IO.Path.Combine(path, "spec.json")))
        {
            throw new IOException($"--run: '{path}' is not a run folder (it has no spec.json)");
        }

        return new RunFolder(path, spec.Evaluation.TrackParameters ? GameSpecValidator.ParameterCount(spec) : 0);
    }

    /// <summary>Appends round rows.</summary>
    public void Append(IEnumerable<RoundRecord> rounds)
    {
        foreach (var r in rounds)
        {
            double[] figures = [r.Round, r.DiscriminatorLoss, r.GeneratorLoss, r.MeanRealScore, r.MeanFakeScore,
                r.DiscriminatorGradientNorm, r.GeneratorGradientNorm];
            _rounds.WriteLine(Row([.. figures, .. r.Position ?? []]));
        }

        _rounds.Flush();
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

    /// <summary>Writes a text file into the folder.</summary>
    public void WriteText(string name, string text) => File.WriteAllText(System.IO.Path.Combine(Path, name), text);

    /// <summary>The path of a file in the folder.</summary>
    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    /// <inheritdoc />
    public void Dispose()
    {
        _rounds.Dispose();
        _evaluations.Dispose();
    }

    private static string Cell(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Row(IEnumerable<double> values) =>
        string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
