using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Native;
using OrleansGan.Core.Players;
using static OrleansGan.Core.Tests.Players.PlayerFixtures;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Players;

public class DiscriminatorPlayerTests
{
    // Tests here open a dispose scope or make a device before any player exists.
    public DiscriminatorPlayerTests() => TorchRuntime.EnsureLoaded();

    private static Tensor Fakes(long seed, int count = BatchSize)
    {
        using var noise = new Generator((ulong)seed);
        return 1.5 * randn([count, 2], generator: noise);
    }

    private static double Sigmoid(double logit) => 1 / (1 + Math.Exp(-logit));

    private static double[] Logits(DiscriminatorPlayer player, Tensor x)
    {
        using var noGrad = no_grad();
        return player.Network.call(x).to(float64).data<double>().ToArray();
    }

    /// <summary>J_G from the tutorial's formulas, in float64, on the player's logits for <paramref name="x"/>.</summary>
    private static double GeneratorCost(DiscriminatorPlayer player, Tensor x)
    {
        var d = Logits(player, x).Select(Sigmoid).ToArray();
        return player.Setup.Loss switch
        {
            LossKind.Minimax => 0.5 * d.Average(v => Math.Log(1 - v)),
            LossKind.NonSaturating => -0.5 * d.Average(Math.Log),
            LossKind.MaximumLikelihood => -0.5 * d.Average(v => v / (1 - v)),
            _ => throw new ArgumentOutOfRangeException(nameof(player)),
        };
    }

    [Fact]
    public void The_same_seed_gives_the_same_initial_parameters_and_another_seed_different_ones()
    {
        using var first = new DiscriminatorPlayer(Discriminator(seed: 42));
        using var twin = new DiscriminatorPlayer(Discriminator(seed: 42));
        using var other = new DiscriminatorPlayer(Discriminator(seed: 43));

        AssertSameParameters(first.Snapshot(), twin.Snapshot());
        Assert.True(EveryParameterDiffers(first.Snapshot(), other.Snapshot()));
    }

    [Theory]
    [InlineData(new long[] { 4, 3 }, "[4,3]")]
    [InlineData(new long[] { 4 }, "[4]")]
    [InlineData(new long[] { 4, 2, 1 }, "[4,2,1]")]
    public void A_fake_minibatch_of_the_wrong_shape_is_refused_naming_its_shape(long[] shape, string shown)
    {
        using var scope = NewDisposeScope();
        using var player = new DiscriminatorPlayer(Discriminator(seed: 1));
        var fake = zeros(shape);

        foreach (var move in new Action[] { () => player.Update(fake), () => player.Judge(fake), () => player.Evaluate(fake, 5) })
        {
            var error = Assert.Throws<ArgumentException>(move);
            Assert.Contains(shown, error.Message);
            Assert.Contains("[batch, 2]", error.Message);
        }
    }

    [Fact]
    public void Judge_changes_no_parameter_and_gives_the_same_answer_twice()
    {
        using var scope = NewDisposeScope();
        using var player = new DiscriminatorPlayer(Discriminator(seed: 2));
        var before = player.Snapshot();
        var fake = Fakes(1);

        var first = player.Judge(fake);
        var second = player.Judge(fake);

        AssertSameParameters(before, player.Snapshot());
        Assert.Equal(first.Gradient.data<float>().ToArray(), second.Gradient.data<float>().ToArray());
        Assert.Equal(first.GeneratorLoss, second.GeneratorLoss);
        Assert.Equal(fake.shape, first.Gradient.shape);
    }

    [Fact]
    public void Update_changes_every_parameter_and_reports_J_D_before_the_step()
    {
        using var scope = NewDisposeScope();
        using var player = new DiscriminatorPlayer(Discriminator(seed: 2));
        using var twin = new DiscriminatorPlayer(Discriminator(seed: 2));
        var before = player.Snapshot();
        var fake = Fakes(1);

        var report = player.Update(fake);

        Assert.True(EveryParameterDiffers(before, player.Snapshot()));

        // The twin draws the same real minibatch from the same stream and has the same (unstepped) parameters.
        var real = Logits(twin, twin.DrawReal()).Select(Sigmoid).ToArray();
        var fakeScores = Logits(twin, fake).Select(Sigmoid).ToArray();
        var expected = (-0.5 * real.Average(Math.Log)) - (0.5 * fakeScores.Average(d => Math.Log(1 - d)));
        Assert.Equal(expected, report.DiscriminatorLoss, 1e-5);
        Assert.Equal(real.Average(), report.MeanRealScore, 1e-5);
        Assert.Equal(fakeScores.Average(), report.MeanFakeScore, 1e-5);
        Assert.True(report.GradientNorm > 0 && double.IsFinite(report.GradientNorm));
    }

    [Fact]
    public void Successive_updates_draw_fresh_real_minibatches()
    {
        using var scope = NewDisposeScope();
        using var player = new DiscriminatorPlayer(Discriminator(seed: 2));

        Assert.NotEqual(player.DrawReal().data<float>().ToArray(), player.DrawReal().data<float>().ToArray());
    }

    [Fact]
    public void Evaluate_does_not_advance_the_training_stream()
    {
        using var scope = NewDisposeScope();
        using var evaluated = new DiscriminatorPlayer(Discriminator(seed: 6));
        using var untouched = new DiscriminatorPlayer(Discriminator(seed: 6));

        var evaluation = evaluated.Evaluate(Fakes(3, count: 50), seed: 77);

        Assert.Equal(untouched.DrawReal().data<float>().ToArray(), evaluated.DrawReal().data<float>().ToArray());
        Assert.InRange(evaluation.MeanRealScore, 0, 1);
        Assert.InRange(evaluation.MeanFakeScore, 0, 1);
    }

    [Fact]
    public void Evaluate_judges_a_large_sample_in_minibatches_of_the_games_size()
    {
        // With minibatch features D(x) depends on x's minibatch: the evaluation must judge in training-sized minibatches,
        // not the whole sample at once (whose pairwise distances would also grow with its square).
        using var scope = NewDisposeScope();
        var setup = Discriminator(seed: 6);
        setup = setup with { Spec = setup.Spec with { MinibatchFeatures = new MinibatchFeaturesSpec(4, 3) } };
        using var player = new DiscriminatorPlayer(setup);
        var fakes = Fakes(3, count: 3 * setup.BatchSize);

        var evaluation = player.Evaluate(fakes, seed: 77);

        using var noGrad = no_grad();
        var byMinibatch = Enumerable.Range(0, 3)
            .Select(k => sigmoid(player.Network.call(fakes.narrow(0, k * setup.BatchSize, setup.BatchSize))).mean().ToDouble())
            .Average();
        var whole = sigmoid(player.Network.call(fakes)).mean().ToDouble();
        Assert.Equal(byMinibatch, evaluation.MeanFakeScore, 6);
        Assert.NotEqual(whole, evaluation.MeanFakeScore, 6);
    }

    [Theory]
    [InlineData(LossKind.Minimax)]
    [InlineData(LossKind.NonSaturating)]
    [InlineData(LossKind.MaximumLikelihood)]
    public void Judge_gives_J_G_and_its_gradient_in_x_as_finite_differences_do(LossKind loss)
    {
        const float H = 1e-2f;
        using var scope = NewDisposeScope();
        using var player = new DiscriminatorPlayer(Discriminator(seed: 9, loss));
        var fake = Fakes(4, count: 4);
        var values = fake.data<float>().ToArray();

        var (gradient, generatorLoss, meanFakeScore) = player.Judge(fake);

        Assert.Equal(GeneratorCost(player, fake), generatorLoss, 1e-5);
        Assert.Equal(Logits(player, fake).Select(Sigmoid).Average(), meanFakeScore, 1e-5);

        var analytic = gradient.data<float>().ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var plus = (float[])values.Clone();
            var minus = (float[])values.Clone();
            plus[i] += H;
            minus[i] -= H;
            var estimate = (GeneratorCost(player, tensor(plus, fake.shape)) - GeneratorCost(player, tensor(minus, fake.shape))) / (plus[i] - minus[i]);

            Assert.True(
                Math.Abs(analytic[i] - estimate) <= (2e-2 * Math.Abs(estimate)) + 1e-5,
                $"coordinate {i}: Judge gives {analytic[i]}, central differences {estimate}");
        }
    }
}
