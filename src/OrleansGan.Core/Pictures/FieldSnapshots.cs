using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Data;
using OrleansGan.Core.Evaluation;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Players;
using OrleansGan.Core.Randomness;
using OrleansGan.Core.Tensors;
using static TorchSharp.torch;

namespace OrleansGan.Core.Pictures;

/// <summary>
/// Takes <see cref="FieldSnapshot"/>s of a game on 2-D data: from the two players themselves (the discriminator's
/// field on a grid, the gradient message at the fixed-noise samples, the generator's manifold), or, where only an
/// evaluation's record is at hand, the samples and mode shares it holds.
/// </summary>
public static class FieldSnapshots
{
    /// <summary>Cells along each side of the field's grid.</summary>
    public const int DefaultCells = 80;

    /// <summary>Lines of the latent grid along each coordinate.</summary>
    public const int DefaultLatentLines = 21;

    /// <summary>The latent grid spans +-3 in each coordinate: 99.7% of N(0, 1).</summary>
    public const double LatentRange = 3;

    /// <summary>Half the side of the square a mixture is drawn in: its modes with room around them (the samples pictures' square).</summary>
    public static double ExtentOf(GaussianMixture mixture)
    {
        var modes = mixture.Modes.ToArray();
        return Math.Max(modes.Max(Math.Abs), 1) * 1.6;
    }

    /// <summary>
    /// The snapshot at a checkpoint: both players are rebuilt on the CPU from the checkpoint's spec and states (the
    /// seats the game gave them), and <see cref="Take"/> reads them.
    /// </summary>
    /// <exception cref="ArgumentException">The game is not on 2-D data.</exception>
    /// <exception cref="InvalidDataException">A player state in the checkpoint does not fit its spec.</exception>
    public static FieldSnapshot FromCheckpoint(GameCheckpoint checkpoint, int cells = DefaultCells, int latentLines = DefaultLatentLines)
    {
        using var generator = new GeneratorPlayer(PlayerSetups.Generator(checkpoint.Spec, "cpu"));
        using var discriminator = new DiscriminatorPlayer(PlayerSetups.Discriminator(checkpoint.Spec, "cpu"));
        generator.RestoreState(checkpoint.Generator);
        discriminator.RestoreState(checkpoint.Discriminator);
        return Take(checkpoint.Spec, checkpoint.Round, generator, discriminator, cells, latentLines);
    }

    /// <summary>
    /// The players' field now: D over a [cells, cells] grid, the gradient message dJ_G/dx at the evaluations' fixed-noise
    /// samples exactly as <see cref="DiscriminatorPlayer.Judge"/> answers a fake minibatch at round <paramref name="round"/>
    /// (judged in minibatches of the game's size, so each arrow is what the generator receives), and G over a latent grid.
    /// The game takes the same two parts from its player grains at each evaluation (<see cref="Discriminator"/>,
    /// <see cref="Manifold"/>), so a checkpoint's snapshot is its round's evaluation's.
    /// </summary>
    /// <exception cref="ArgumentException">The game is not on 2-D data.</exception>
    public static FieldSnapshot Take(GameSpec spec, int round, GeneratorPlayer generator, DiscriminatorPlayer discriminator,
        int cells = DefaultCells, int latentLines = DefaultLatentLines)
    {
        var mixture = Mixture(spec);
        using var scope = NewDisposeScope();
        var extent = ExtentOf(mixture);
        var fake = generator.Sample(spec.Evaluation.Samples, PlayerSeeds.EvaluationNoise(spec.Seed));
        var (values, problem, gradient) = Discriminator(discriminator, fake, round, cells, extent, PlayerSeeds.EvaluationField(spec.Seed));
        var samples = TensorCodec.ToMessage(fake.to(ScalarType.Float32));
        return Assemble(spec, mixture, round, Kind(spec.Loss), extent, values, problem, RealSample(spec, mixture), samples, gradient,
            Manifold(generator, latentLines));
    }

    /// <summary>
    /// The discriminator's part of a field picture: D over a [cells, cells] grid of [-extent, extent]^2 (null, with
    /// the reason, when D is not a function of one point) and dJ_G/dx at <paramref name="fake"/> (sample i of class
    /// i mod n for a class-conditional game, as the evaluations make them), judged in minibatches of the game's size;
    /// any instance noise is drawn from <paramref name="noiseSeed"/>, so the player's own stream is untouched.
    /// </summary>
    public static (TensorBytes? Values, string? ValuesAbsent, TensorBytes Gradient) Discriminator(
        DiscriminatorPlayer discriminator, Tensor fake, int round, int cells, double extent, ulong noiseSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cells, 2);
        using var scope = NewDisposeScope();
        var count = (int)fake.shape[0];
        var labels = discriminator.Classes == 0 ? null : ClassConditioning.Balanced(count, discriminator.Classes);
        var gradient = Judge(discriminator, fake, labels, round, noiseSeed);
        var problem = DiscriminatorPlayer.FieldProblem(discriminator.Setup.Spec);
        TensorBytes? values = null;
        if (problem is null)
        {
            var grid = GridPoints(cells, extent);
            var gridLabels = discriminator.Classes == 0 ? null : NearestModes(grid, GaussianMixture.For(discriminator.Setup.Data));
            values = TensorCodec.ToMessage(discriminator.FieldValues(grid, gridLabels).to(ScalarType.Float32).reshape(cells, cells));
        }

        return (values, problem, gradient);
    }

    /// <summary>The class a class-conditional generator's manifold is drawn for: the first mode's.</summary>
    public const int ManifoldClass = 0;

    /// <summary>
    /// The generator's manifold: G over a [lines, lines] grid of its first two latent coordinates (for a class-conditional
    /// generator, of class <see cref="ManifoldClass"/>); null with fewer than two.
    /// </summary>
    public static TensorBytes? Manifold(GeneratorPlayer generator, int lines = DefaultLatentLines)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lines, 2);
        if (generator.Spec.LatentSize < 2)
        {
            return null;
        }

        using var scope = NewDisposeScope();
        var z = LatentGrid(lines, generator.Spec.LatentSize);
        var labels = generator.Classes == 0 ? null : zeros(lines * lines, ScalarType.Int64); // ManifoldClass, 0
        return TensorCodec.ToMessage(generator.Map(z, labels).to(ScalarType.Float32).reshape(lines, lines, -1));
    }

    /// <summary>Whether the game's data are a 2-D mixture, the data every field picture is drawn for.</summary>
    public static bool IsPlanar(GameSpec spec) => spec.Data.Kind != DataKind.Mnist && GaussianMixture.For(spec.Data) is { Dimension: 2 };

    /// <summary>
    /// Whether the evaluation after <paramref name="round"/> records its field: on 2-D data, with every
    /// <c>evaluation.fieldEvery</c>-th evaluation counted by round (so a resumed or recovered game records the same ones)
    /// and with the game's last; never with <c>fieldEvery: 0</c>.
    /// </summary>
    public static bool Recorded(GameSpec spec, int round)
    {
        var e = spec.Evaluation;
        return e.FieldEvery > 0 && IsPlanar(spec) && (round == spec.Rounds || round / e.Every % e.FieldEvery == 0);
    }

    /// <summary>
    /// What an evaluation record shows: the whole field when the game took it with the evaluation
    /// (<see cref="EvaluationRecord.Field"/>); otherwise (a record from before the field was recorded) only the samples
    /// and mode shares over the real sample, with no heatmap, no gradient message and no manifold.
    /// </summary>
    public static FieldSnapshot FromEvaluation(GameSpec spec, EvaluationRecord evaluation)
    {
        var mixture = Mixture(spec);
        using var scope = NewDisposeScope();
        var field = evaluation.Field;
        return Assemble(spec, mixture, evaluation.Round, Kind(spec.Loss), field?.Extent ?? ExtentOf(mixture), field?.Values,
            field is null ? "this evaluation's record holds no field (it was taken before games recorded one)" : field.ValuesAbsent,
            RealSample(spec, mixture), evaluation.Samples, field?.Gradient, field?.Manifold);
    }

    /// <summary>What the discriminator's output means in this game.</summary>
    public static FieldValueKind Kind(LossKind loss) => loss switch
    {
        LossKind.Minimax or LossKind.NonSaturating or LossKind.MaximumLikelihood => FieldValueKind.Probability,
        LossKind.EnergyBased => FieldValueKind.Energy,
        _ => FieldValueKind.Critic,
    };

    private static FieldSnapshot Assemble(GameSpec spec, GaussianMixture mixture, int round, FieldValueKind kind, double extent, TensorBytes? values,
        string? problem, TensorBytes real, TensorBytes fake, TensorBytes? gradient, TensorBytes? manifold)
    {
        var coverage = ModeCoverage.Measure(TensorCodec.ToArray(fake), mixture, spec.Evaluation.QualityStds, spec.Evaluation.MinSamplesPerMode);
        var count = Math.Max(1, fake.Shape[0]);
        var shares = coverage.HighQualityPerMode.Select(n => (double)n / count).ToArray();
        using var modes = tensor(mixture.Modes.ToArray(), [mixture.ModeCount, 2]);
        return new FieldSnapshot(round, kind, extent, values, values is null ? problem : null, real, fake, gradient, manifold, LatentRange,
            shares, coverage.ModesCovered, coverage.HighQualityFraction, TensorCodec.ToMessage(modes), spec.Evaluation.QualityStds * mixture.Std,
            spec.Stabilizers.ClassLabels == ClassLabels.Conditional && manifold is not null ? ManifoldClass : null);
    }

    // The gradient message for every sample, minibatch by minibatch of the game's size (a multiple of any pack), as the
    // game sends it: dJ_G/dx of the minibatch's mean cost.
    private static TensorBytes Judge(DiscriminatorPlayer discriminator, Tensor fake, Tensor? labels, int round, ulong noiseSeed)
    {
        using var noise = new Generator(noiseSeed);
        var count = (int)fake.shape[0];
        var size = discriminator.Setup.BatchSize;
        var parts = new List<Tensor>();
        for (var start = 0; start + size <= count; start += size)
        {
            parts.Add(discriminator.Judge(fake.narrow(0, start, size), labels?.narrow(0, start, size), round, noise).Gradient);
        }

        // A last partial minibatch is judged on its own, as the game would judge a minibatch of that size.
        var rest = count % size;
        var pack = Math.Max(1, discriminator.Setup.Spec.Pack);
        if (rest >= pack)
        {
            var n = rest - (rest % pack);
            parts.Add(discriminator.Judge(fake.narrow(0, count - rest, n), labels?.narrow(0, count - rest, n), round, noise).Gradient);
        }

        var judged = parts.Sum(p => (int)p.shape[0]);
        var all = judged == count ? cat(parts, 0) : cat([.. parts, full([count - judged, 2], double.NaN, ScalarType.Float32)], 0);
        return TensorCodec.ToMessage(all.to(ScalarType.Float32));
    }

    private static GaussianMixture Mixture(GameSpec spec) =>
        IsPlanar(spec)
            ? GaussianMixture.For(spec.Data)
            : throw new ArgumentException($"field pictures are drawn for 2-D data; data.kind {spec.Data.Kind} is not 2-D");

    // The evaluations' held-out real sample (the stream the run folder's samples pictures draw it from).
    private static TensorBytes RealSample(GameSpec spec, GaussianMixture mixture)
    {
        using var stream = new Generator(PlayerSeeds.EvaluationReal(spec.Seed));
        using var real = mixture.Sample(spec.Evaluation.Samples, stream, CPU);
        return TensorCodec.ToMessage(real.to(ScalarType.Float32));
    }

    /// <summary>The centres of a [cells, cells] grid over [-extent, extent]^2, row-major with y along rows: [cells^2, 2].</summary>
    public static Tensor GridPoints(int cells, double extent)
    {
        var h = 2 * extent / cells;
        var centres = arange(cells, ScalarType.Float32) * h + (h / 2) - extent;
        var ys = centres.unsqueeze(1).expand(cells, cells);
        var xs = centres.unsqueeze(0).expand(cells, cells);
        return stack([xs.reshape(-1), ys.reshape(-1)], 1);
    }

    // The first two latent coordinates on a regular grid over +-LatentRange (row i: z_2, column j: z_1), the rest 0.
    private static Tensor LatentGrid(int lines, int latentSize)
    {
        var ticks = linspace(-LatentRange, LatentRange, lines, ScalarType.Float32);
        var z = zeros(lines * lines, latentSize);
        z[.., 0] = ticks.unsqueeze(0).expand(lines, lines).reshape(-1);
        z[.., 1] = ticks.unsqueeze(1).expand(lines, lines).reshape(-1);
        return z;
    }

    // A class-conditional discriminator judges each grid point as the class of its nearest mode: the class whose real
    // samples lie there.
    private static Tensor NearestModes(Tensor points, GaussianMixture mixture)
    {
        using var modes = tensor(mixture.Modes.ToArray(), [mixture.ModeCount, 2]);
        return cdist(points, modes).argmin(1);
    }
}
