using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Pictures;
using OrleansGan.Core.Players;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Tensors;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Pictures;

/// <summary>
/// A field snapshot shows what the players compute: its heatmap is D at each cell (high on the ring's modes after D
/// has learnt them, low where the generator's samples are), its arrows point where D rises for a non-saturating
/// generator, its manifold is G on the latent grid, and a checkpoint gives the snapshot of the players it holds.
/// </summary>
public class FieldSnapshotsTests
{
    private const int Cells = 40;

    private static GameSpec Spec(params (string, string)[] extra) => GameSpecLoader.Load(null,
        new[] { ("batchSize", "64"), ("evaluation.samples", "256"), ("generator.hidden", "[32, 32]"), ("discriminator.hidden", "[32, 32]"), ("seed", "5") }
            .Concat(extra).Select(p => KeyValuePair.Create(p.Item1, p.Item2)));

    // D learns the ring against the untrained generator's blob near the origin.
    private static (GeneratorPlayer, DiscriminatorPlayer) Trained(GameSpec spec, int steps = 300)
    {
        var generator = new GeneratorPlayer(PlayerSetups.Generator(spec));
        var discriminator = new DiscriminatorPlayer(PlayerSetups.Discriminator(spec));
        for (var i = 0; i < steps; i++)
        {
            using var fake = generator.Propose(spec.BatchSize, keepForGradient: false);
            discriminator.Update(fake);
        }

        return (generator, discriminator);
    }

    private static double D(DiscriminatorPlayer discriminator, double x, double y)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return sigmoid(discriminator.Network.call(tensor(new[] { (float)x, (float)y }, [1, 2]))).ToDouble();
    }

    private static double Centre(int index, double extent) => -extent + ((index + 0.5) * 2 * extent / Cells);

    [Fact]
    public void The_heatmap_is_D_at_each_cell_high_on_the_modes_and_low_where_the_fakes_are()
    {
        var spec = Spec();
        var (generator, discriminator) = Trained(spec);
        using (generator)
        using (discriminator)
        {
            var snapshot = FieldSnapshots.Take(spec, 300, generator, discriminator, Cells);
            Assert.Equal(FieldValueKind.Probability, snapshot.Kind);
            Assert.Equal([Cells, Cells], snapshot.Values!.Shape);
            var values = TensorCodec.ToArray(snapshot.Values);
            var extent = snapshot.Extent;
            int Cell(double v) => Math.Clamp((int)Math.Floor((v + extent) / (2 * extent) * Cells), 0, Cells - 1);

            // Every cell is D at its centre (row: y, column: x), computed here straight from the network.
            foreach (var (row, column) in new[] { (0, 0), (Cells - 1, 0), (0, Cells - 1), (7, 31), (Cells / 2, Cells / 2) })
            {
                Assert.Equal(D(discriminator, Centre(column, extent), Centre(row, extent)), values[(row * Cells) + column], 5);
            }

            var modes = TensorCodec.ToArray(snapshot.Modes);
            var atModes = Enumerable.Range(0, modes.Length / 2).Select(m => values[(Cell(modes[(2 * m) + 1]) * Cells) + Cell(modes[2 * m])]).ToList();
            var fakes = TensorCodec.ToArray(snapshot.Fake);
            var atFakes = Enumerable.Range(0, fakes.Length / 2).Select(i => values[(Cell(fakes[(2 * i) + 1]) * Cells) + Cell(fakes[2 * i])]).Order().ToList();
            var fakesMedian = atFakes[atFakes.Count / 2];
            Assert.True(atModes.Min() > 0.5 && fakesMedian < 0.3, $"D at the modes {string.Join(", ", atModes.Select(v => v.ToString("F2")))}; at the fakes (median) {fakesMedian:F2}");
        }
    }

    [Fact]
    public void The_arrows_point_where_D_rises_for_the_non_saturating_generator()
    {
        var spec = Spec();
        var (generator, discriminator) = Trained(spec, 100);
        using (generator)
        using (discriminator)
        {
            var snapshot = FieldSnapshots.Take(spec, 100, generator, discriminator, Cells);
            var fakes = TensorCodec.ToArray(snapshot.Fake);
            var gradient = TensorCodec.ToArray(snapshot.Gradient!);
            Assert.Equal(fakes.Length, gradient.Length);

            // -dJ_G/dx = (1 - D) grad logit / (2 B) for J_G = -1/2 mean log D: along grad D, and of that size.
            using var x = tensor(fakes, [fakes.Length / 2, 2]).requires_grad_(true);
            using var logits = discriminator.Network.call(x);
            using var grad = autograd.grad([logits.sum()], [x])[0];
            var g = grad.data<float>().ToArray();
            var d = sigmoid(logits.detach()).data<float>().ToArray();
            for (var i = 0; i < fakes.Length / 2; i++)
            {
                var expected = (X: (1 - d[i]) * g[2 * i] / (2.0 * spec.BatchSize), Y: (1 - d[i]) * g[(2 * i) + 1] / (2.0 * spec.BatchSize));
                var push = (X: -gradient[2 * i], Y: -gradient[(2 * i) + 1]);
                var cosine = ((push.X * expected.X) + (push.Y * expected.Y)) / Math.Sqrt(((push.X * push.X) + (push.Y * push.Y)) * ((expected.X * expected.X) + (expected.Y * expected.Y)));
                Assert.True(cosine > 0.9999, $"sample {i}: the arrow is at cos {cosine} to grad D");
                var (size, drawn) = (Math.Sqrt((expected.X * expected.X) + (expected.Y * expected.Y)), Math.Sqrt((push.X * push.X) + (push.Y * push.Y)));
                Assert.True(Math.Abs(size - drawn) <= 1e-5 * size, $"sample {i}: |dJ_G/dx| {drawn}, expected {size}");
            }
        }
    }

    [Fact]
    public void A_checkpoint_gives_the_snapshot_of_the_players_it_holds_and_the_manifold_is_G_on_the_latent_grid()
    {
        var spec = Spec();
        var (generator, discriminator) = Trained(spec, 50);
        using (generator)
        using (discriminator)
        {
            var direct = FieldSnapshots.Take(spec, 50, generator, discriminator, Cells);
            var checkpoint = new GameCheckpoint(spec, 50, 1, 0, generator.SaveState(), discriminator.SaveState());
            var restored = FieldSnapshots.FromCheckpoint(GameCheckpointFormat.Read(GameCheckpointFormat.Write(checkpoint), "test"), Cells);
            Assert.Equal(direct.Values!.Data, restored.Values!.Data);
            Assert.Equal(direct.Fake.Data, restored.Fake.Data);
            Assert.Equal(direct.Gradient!.Data, restored.Gradient!.Data);
            Assert.Equal(direct.Manifold!.Data, restored.Manifold!.Data);
            Assert.Equal(direct.ModeShares, restored.ModeShares);
            Assert.Equal(direct.HighQualityFraction, direct.ModeShares.Sum(), 9);

            // The manifold's corner (0, 0) is G at z = (-3, -3, 0, ...); its far corner G at (3, 3, 0, ...).
            var lines = direct.Manifold.Shape[0];
            var manifold = TensorCodec.ToArray(direct.Manifold);
            foreach (var (i, j, z1, z2) in new[] { (0, 0, -3f, -3f), (lines - 1, lines - 1, 3f, 3f), (0, lines - 1, 3f, -3f) })
            {
                var z = new float[spec.Generator.LatentSize];
                (z[0], z[1]) = (z1, z2);
                using var noGrad = no_grad();
                using var point = generator.Network.call(tensor(z, [1, z.Length]));
                var expected = point.data<float>().ToArray();
                Assert.Equal(expected[0], manifold[((i * lines) + j) * 2], 5);
                Assert.Equal(expected[1], manifold[(((i * lines) + j) * 2) + 1], 5);
            }
        }
    }

    [Fact]
    public void Taking_the_field_leaves_the_players_as_they_were_and_an_evaluation_holding_it_gives_the_same_snapshot()
    {
        var spec = Spec(("stabilizers.instanceNoise.sigma0", "0.3"));
        var (generator, discriminator) = Trained(spec, 20);
        using (generator)
        using (discriminator)
        {
            var (g, d) = (generator.SaveState(), discriminator.SaveState());
            var direct = FieldSnapshots.Take(spec, 20, generator, discriminator, Cells);

            // Weights, optimizer and, with instance noise, the discriminator's stream: all as they were.
            Assert.Equal(g, generator.SaveState());
            Assert.Equal(d, discriminator.SaveState());

            // The judgment's noise comes from the field's own seeded stream: the same message every time.
            var again = FieldSnapshots.Take(spec, 20, generator, discriminator, Cells);
            Assert.Equal(direct.Gradient!.Data, again.Gradient!.Data);
            Assert.Equal(direct.Values!.Data, again.Values!.Data);

            var (values, absent, gradient) = (direct.Values, direct.ValuesAbsent, direct.Gradient);
            var evaluation = new EvaluationRecord(20, direct.ModesCovered, direct.ModeShares.Length, direct.HighQualityFraction, 0, 0, direct.Fake,
                Field: new EvaluationField(direct.Extent, values, absent, gradient, direct.Manifold));
            var recorded = FieldSnapshots.FromEvaluation(spec, evaluation);
            Assert.Equal(direct.Values.Data, recorded.Values!.Data);
            Assert.Equal(direct.Gradient.Data, recorded.Gradient!.Data);
            Assert.Equal(direct.Manifold!.Data, recorded.Manifold!.Data);
            Assert.Equal(direct.Real.Data, recorded.Real.Data);
            Assert.Equal(direct.ModeShares, recorded.ModeShares);

            // A record from before evaluations held a field: its samples only, and why.
            var bare = FieldSnapshots.FromEvaluation(spec, evaluation with { Field = null });
            Assert.Null(bare.Values);
            Assert.Null(bare.Gradient);
            Assert.Contains("holds no field", bare.ValuesAbsent);
        }
    }

    [Fact]
    public void A_conditional_generators_manifold_is_that_of_the_class_the_snapshot_names()
    {
        var spec = Spec(("stabilizers.classLabels", "conditional"));
        using (var generator = new GeneratorPlayer(PlayerSetups.Generator(spec)))
        using (var discriminator = new DiscriminatorPlayer(PlayerSetups.Discriminator(spec)))
        {
            var snapshot = FieldSnapshots.Take(spec, 0, generator, discriminator, Cells);
            Assert.Equal(FieldSnapshots.ManifoldClass, snapshot.ManifoldClass);
            var lines = snapshot.Manifold!.Shape[0];
            var manifold = TensorCodec.ToArray(snapshot.Manifold);
            var z = new float[spec.Generator.LatentSize];
            (z[0], z[1]) = (3f, 3f);
            float[] At(long label)
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                return generator.Map(tensor(z, [1, z.Length]), tensor(new[] { label }, [1])).to(ScalarType.Float32).data<float>().ToArray();
            }

            var far = ((lines * lines) - 1) * 2;
            Assert.Equal(At(FieldSnapshots.ManifoldClass)[0], manifold[far], 5);
            Assert.Equal(At(FieldSnapshots.ManifoldClass)[1], manifold[far + 1], 5);
            Assert.NotEqual(At(4)[0], manifold[far], 3); // another class's G differs: the label matters
        }

        using var plain = new GeneratorPlayer(PlayerSetups.Generator(Spec()));
        using var judge = new DiscriminatorPlayer(PlayerSetups.Discriminator(Spec()));
        Assert.Null(FieldSnapshots.Take(Spec(), 0, plain, judge, Cells).ManifoldClass);
    }

    [Fact]
    public void A_discriminator_that_judges_packs_has_no_heatmap_and_says_why()
    {
        var spec = Spec(("discriminator.pack", "2"));
        using var generator = new GeneratorPlayer(PlayerSetups.Generator(spec));
        using var discriminator = new DiscriminatorPlayer(PlayerSetups.Discriminator(spec));
        var snapshot = FieldSnapshots.Take(spec, 0, generator, discriminator, Cells);
        Assert.Null(snapshot.Values);
        Assert.Contains("discriminator.pack", snapshot.ValuesAbsent);
        Assert.Equal(snapshot.Fake.Shape, snapshot.Gradient!.Shape);
        Assert.Throws<InvalidOperationException>(() => discriminator.FieldValues(zeros(4, 2)));
    }

    [Fact]
    public void Mnist_has_no_field_picture()
    {
        var spec = Spec(("data.kind", "mnist"), ("generator.outputSize", "784"), ("discriminator.inputSize", "784"));
        var e = Assert.Throws<ArgumentException>(() => FieldSnapshots.FromEvaluation(spec, new EvaluationRecord(0, 0, 10, 0, 0, 0, new([], [0, 784]))));
        Assert.Contains("2-D", e.Message);
    }
}
