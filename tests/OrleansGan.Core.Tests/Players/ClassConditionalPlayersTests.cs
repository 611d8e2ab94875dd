using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Native;
using OrleansGan.Core.Players;
using OrleansGan.Core.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Players;

/// <summary>A class-conditional pair G(z, y), D(x, y) on the ring (Mirza and Osindero 2014): the class is the mode.</summary>
public class ClassConditionalPlayersTests
{
    private const int Batch = 64;
    private static readonly GameSpec Defaults = GameSpecLoader.Load(null);

    public ClassConditionalPlayersTests() => TorchRuntime.EnsureLoaded();

    private static GeneratorPlayer Generator(int classes = 8) =>
        new(new GeneratorSetup(Defaults.Generator with { Hidden = [32, 32] }, 21, Classes: classes));

    private static DiscriminatorPlayer Discriminator(ClassLabels mode = ClassLabels.Conditional) =>
        new(new DiscriminatorSetup(Defaults.Discriminator with { Hidden = [32, 32] }, 22, Defaults.Data, LossKind.NonSaturating, Batch,
            new StabilizerSpec(1, ClassLabels: mode)));

    /// <summary>The share of samples whose nearest ring mode is the class they were generated for.</summary>
    private static double ShareNearestOwnMode(GeneratorPlayer g)
    {
        using var scope = NewDisposeScope();
        var (samples, labels) = g.SampleLabeled(800, 5);
        var modes = tensor(GaussianMixture.Ring8().Modes.ToArray(), [8, 2]);
        var nearest = cdist(samples, modes).argmin(1);
        return (nearest == labels!).to(float64).mean().ToDouble();
    }

    [Fact]
    public void A_conditional_generator_learns_to_put_class_k_at_mode_k()
    {
        using var g = Generator();
        using var d = Discriminator();
        var before = ShareNearestOwnMode(g);
        for (var round = 0; round < 400; round++)
        {
            using var scope = NewDisposeScope();
            var (x, y) = g.ProposeLabeled(Batch, keepForGradient: false);
            d.Update(x, UpdateRule.Plain, y);
            (x, y) = g.ProposeLabeled(Batch, keepForGradient: true);
            g.ApplyGradient(d.Judge(x, y).Gradient);
        }

        var after = ShareNearestOwnMode(g);

        // Chance is 1/8: an untrained G(z, y) barely reads y; briefly trained, it sends class k to mode k several times as often
        // (60 % after these 400 rounds).
        Assert.True(before < 0.3, $"before training {before:P0} of the samples were nearest their own mode");
        Assert.True(after > 0.4, $"after training only {after:P0} of the samples are nearest their own mode");
    }

    [Fact]
    public void Labels_travel_with_the_fake_minibatch_and_the_gradient_message_is_with_respect_to_x_only()
    {
        using var g = Generator();
        using var d = Discriminator();
        using var scope = NewDisposeScope();
        var (x, y) = g.ProposeLabeled(Batch, keepForGradient: true);
        Assert.NotNull(y);
        Assert.Equal([Batch], y.shape);
        Assert.InRange(y.min().ToInt64(), 0, 7);
        Assert.InRange(y.max().ToInt64(), 0, 7);
        Assert.True(y.unique().Item1.shape[0] > 4, "64 classes drawn uniformly from 8 should show most of them");

        var (gradient, cost, _) = d.Judge(x, y);
        Assert.Equal(new long[] { Batch, 2 }, gradient.shape);
        Assert.True(double.IsFinite(cost));
        Assert.True(g.ApplyGradient(gradient) > 0);

        // The same x judged as other classes gets another answer: D reads y.
        var (other, _, _) = d.Judge(x, (y + 1) % 8);
        Assert.False(gradient.allclose(other));
    }

    [Fact]
    public void Evaluation_samples_are_class_balanced_and_reproducible()
    {
        using var g = Generator();
        using var scope = NewDisposeScope();
        var (a, labelsA) = g.SampleLabeled(16, 3);
        var (b, labelsB) = g.SampleLabeled(16, 3);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (long)(i % 8)), labelsA!.data<long>().ToArray());
        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        Assert.Equal(labelsA.data<long>().ToArray(), labelsB!.data<long>().ToArray());

        using var unconditional = Generator(classes: 0);
        Assert.Null(unconditional.SampleLabeled(4, 3).Labels);
        Assert.Null(unconditional.ProposeLabeled(4, false).Labels);
    }

    [Fact]
    public void Bad_labels_are_refused_naming_the_problem_and_the_discriminator_is_unharmed()
    {
        using var g = Generator();
        using var d = Discriminator();
        using var scope = NewDisposeScope();
        var (x, y) = g.ProposeLabeled(Batch, keepForGradient: false);
        var before = d.Snapshot();

        Assert.Contains("fake minibatch has 5 class labels for 64 samples",
            Assert.Throws<ArgumentException>(() => d.Update(x, UpdateRule.Plain, y!.narrow(0, 0, 5))).Message);
        var outOfRange = y!.clone();
        outOfRange[3] = tensor(8L);
        Assert.Contains("fake minibatch has class label 8 at sample 3, outside the classes 0..7",
            Assert.Throws<ArgumentException>(() => d.Judge(x, outOfRange)).Message);
        outOfRange[3] = tensor(-1L);
        Assert.Contains("class label -1 at sample 3", Assert.Throws<ArgumentException>(() => d.ConsensusJudge(x, outOfRange)).Message);
        Assert.Contains("fake minibatch has no class labels, but the receiver is class-conditional on 8 classes",
            Assert.Throws<ArgumentException>(() => d.JudgeUnrolledThenUpdate(x, 1, true)).Message);
        Assert.Contains("must be one integer per sample",
            Assert.Throws<ArgumentException>(() => d.Update(x, UpdateRule.Plain, y.to(float32))).Message);

        using var unconditional = Discriminator(ClassLabels.None);
        Assert.Contains("fake minibatch carries 64 class labels, but the receiver is not class-conditional",
            Assert.Throws<ArgumentException>(() => unconditional.Update(x, UpdateRule.Plain, y)).Message);

        PlayerFixtures.AssertSameParameters(before, d.Snapshot());
        Assert.True(double.IsFinite(d.Update(x, UpdateRule.Plain, y).DiscriminatorLoss));
    }

    [Fact]
    public void An_auxiliary_classes_discriminator_has_n_plus_1_outputs_and_plays_an_unconditional_generator()
    {
        using var g = Generator(classes: 0);
        using var d = Discriminator(ClassLabels.AuxiliaryClasses);
        using var scope = NewDisposeScope();
        var (x, y) = g.ProposeLabeled(Batch, keepForGradient: true);
        Assert.Null(y);
        using (no_grad())
        {
            Assert.Equal(new long[] { Batch, 9 }, d.Network.call(x).shape);
        }

        var report = d.Update(x);
        var (gradient, _, meanFake) = d.Judge(x);
        Assert.Equal(new long[] { Batch, 2 }, gradient.shape);
        Assert.InRange(meanFake, 0, 1);

        // J_D includes the supervised cost over the 8 real classes, about log 8 for an untrained D: above the plain game's.
        using var plain = Discriminator(ClassLabels.None);
        Assert.True(report.DiscriminatorLoss > plain.Update(x).DiscriminatorLoss + 0.5, $"J_D = {report.DiscriminatorLoss}");
    }
}
