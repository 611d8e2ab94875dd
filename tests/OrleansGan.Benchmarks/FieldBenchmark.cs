using System.Diagnostics;
using System.Globalization;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Evaluation;
using OrleansGan.Core.Native;
using OrleansGan.Core.Pictures;
using OrleansGan.Core.Players;
using OrleansGan.Core.Randomness;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Tensors;
using OrleansGan.Live;

namespace OrleansGan.Benchmarks;

/// <summary>
/// What recording a field with every evaluation costs (issue "See the game as GAN Lab shows it"): on the default ring
/// game after some rounds, the evaluation as it was (the generator's fixed-noise sample, the discriminator's scores, the
/// evaluator) against the field's two parts (D over the 80 x 80 grid and the gradient message at the sample; G over the
/// 21 x 21 latent grid), the bytes of the evaluation record in the log with and without the field, and the time to draw
/// the field picture (which run does at every evaluation and the live page once per evaluation). Players in this
/// process, no silo: the grains run the same code. Side by side in one run, repetitions alternating.
/// </summary>
internal static class FieldBenchmark
{
    public static void Run(Dictionary<string, string> options)
    {
        TorchRuntime.EnsureLoaded();
        var reps = options.Int("reps", 20);
        var spec = GameSpecLoader.Load(null, []);
        using var generator = new GeneratorPlayer(PlayerSetups.Generator(spec, "cpu"));
        using var discriminator = new DiscriminatorPlayer(PlayerSetups.Discriminator(spec, "cpu"));
        for (var round = 0; round < options.Int("rounds", 300); round++)
        {
            using var fake = generator.Propose(spec.BatchSize, keepForGradient: false);
            discriminator.Update(fake);
        }

        var evaluator = new GameEvaluator(spec);
        var extent = FieldSnapshots.ExtentOf(Core.Data.GaussianMixture.For(spec.Data));
        var evaluation = new List<double>();
        var field = new List<double>();
        var drawing = new List<double>();
        EvaluationRecord? record = null;
        for (var rep = 0; rep < reps; rep++)
        {
            var clock = Stopwatch.StartNew();
            using (var sample = generator.Sample(spec.Evaluation.Samples, PlayerSeeds.EvaluationNoise(spec.Seed)))
            {
                var samples = TensorCodec.ToMessage(sample);
                var scores = discriminator.Evaluate(sample, PlayerSeeds.EvaluationReal(spec.Seed));
                record = evaluator.Evaluate(300, samples, TensorCodec.ToArray(samples), scores);
                evaluation.Add(clock.Elapsed.TotalMilliseconds);

                clock.Restart();
                var (values, absent, gradient) = FieldSnapshots.Discriminator(discriminator, sample, 300, FieldSnapshots.DefaultCells, extent, PlayerSeeds.EvaluationField(spec.Seed));
                var manifold = FieldSnapshots.Manifold(generator);
                record = record with { Field = new EvaluationField(extent, values, absent, gradient, manifold) };
                field.Add(clock.Elapsed.TotalMilliseconds);
            }

            clock.Restart();
            _ = FieldPictures.Png(FieldSnapshots.FromEvaluation(spec, record));
            drawing.Add(clock.Elapsed.TotalMilliseconds);
        }

        var withField = RecordFormat.Write(record!).Length;
        var without = RecordFormat.Write(record! with { Field = null }).Length;
        Console.WriteLine($"# default ring game ({spec.Evaluation.Samples} evaluation samples, batch {spec.BatchSize}), {reps} repetitions, medians");
        Console.WriteLine("| step | ms per evaluation | bytes in the evaluation log |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| evaluation as before (sample, scores, evaluator) | {evaluation.Median():F1} | {without:N0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| + the field (D on {FieldSnapshots.DefaultCells}^2 cells, gradient message, manifold) | {field.Median():F1} | +{withField - without:N0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| drawing the field picture (run, live page) | {drawing.Median():F1} | |"));
        Switched(spec, generator, discriminator, evaluator, extent, options.Int("switch-reps", 3));
    }

    // evaluation.fieldEvery as a game plays it: the evaluations of rounds 0, 500, ... 9,500 (the last the game's), each
    // with its field and the run's picture of it when FieldSnapshots.Recorded says so. Per setting the mean over those
    // 20 evaluations, the settings taking turns evaluation by evaluation; medians over the repetitions.
    private static void Switched(GameSpec defaults, GeneratorPlayer generator, DiscriminatorPlayer discriminator, GameEvaluator evaluator, double extent, int reps)
    {
        int[] settings = [1, 10, 0];
        var game = settings.ToDictionary(n => n, _ => new List<double>());
        var drawn = settings.ToDictionary(n => n, _ => new List<double>());
        const int evaluations = 20;
        for (var rep = 0; rep < reps; rep++)
        {
            // Evaluation by evaluation, the settings in turn, so a burst of load on this shared machine hits all alike.
            var playing = settings.ToDictionary(n => n, _ => 0.0);
            var drawing = settings.ToDictionary(n => n, _ => 0.0);
            for (var k = 0; k < evaluations; k++)
            {
                foreach (var every in settings)
                {
                    var spec = defaults with { Rounds = (evaluations - 1) * defaults.Evaluation.Every, Evaluation = defaults.Evaluation with { FieldEvery = every } };
                    var round = k * spec.Evaluation.Every;
                    var clock = Stopwatch.StartNew();
                    using var sample = generator.Sample(spec.Evaluation.Samples, PlayerSeeds.EvaluationNoise(spec.Seed));
                    var samples = TensorCodec.ToMessage(sample);
                    var scores = discriminator.Evaluate(sample, PlayerSeeds.EvaluationReal(spec.Seed));
                    var record = evaluator.Evaluate(round, samples, TensorCodec.ToArray(samples), scores);
                    if (FieldSnapshots.Recorded(spec, round))
                    {
                        var (values, absent, gradient) = FieldSnapshots.Discriminator(discriminator, sample, round, FieldSnapshots.DefaultCells, extent, PlayerSeeds.EvaluationField(spec.Seed));
                        record = record with { Field = new EvaluationField(extent, values, absent, gradient, FieldSnapshots.Manifold(generator)) };
                        playing[every] += clock.Elapsed.TotalMilliseconds;
                        clock.Restart();
                        _ = FieldPictures.Png(FieldSnapshots.FromEvaluation(spec, record));
                        drawing[every] += clock.Elapsed.TotalMilliseconds;
                    }
                    else
                    {
                        playing[every] += clock.Elapsed.TotalMilliseconds;
                    }
                }
            }

            foreach (var every in settings)
            {
                game[every].Add(playing[every] / evaluations);
                drawn[every].Add(drawing[every] / evaluations);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"# evaluation.fieldEvery over the {evaluations} evaluations of a {(evaluations - 1) * defaults.Evaluation.Every}-round default game, {reps} repetitions, medians of the means");
        Console.WriteLine("| evaluation.fieldEvery | fields recorded | game: ms per evaluation | run: ms drawing fields per evaluation | together |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var every in settings)
        {
            var spec = defaults with { Rounds = (evaluations - 1) * defaults.Evaluation.Every, Evaluation = defaults.Evaluation with { FieldEvery = every } };
            var recorded = Enumerable.Range(0, evaluations).Count(k => FieldSnapshots.Recorded(spec, k * spec.Evaluation.Every));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {every}{(every == 1 ? " (default)" : every == 0 ? " (off)" : "")} | {recorded} of {evaluations} | {game[every].Median():F1} | {drawn[every].Median():F1} | {game[every].Median() + drawn[every].Median():F1} |"));
        }
    }
}
