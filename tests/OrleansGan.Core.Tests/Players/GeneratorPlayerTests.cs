using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Native;
using OrleansGan.Core.Players;
using static OrleansGan.Core.Tests.Players.PlayerFixtures;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Players;

public class GeneratorPlayerTests
{
    // Tests here open a dispose scope or make a device before any player exists.
    public GeneratorPlayerTests() => TorchRuntime.EnsureLoaded();

    private static float[] Values(Tensor t) => t.data<float>().ToArray();

    [Fact]
    public void The_same_seed_gives_the_same_initial_parameters_and_another_seed_different_ones()
    {
        using var first = new GeneratorPlayer(Generator(seed: 42));
        using var twin = new GeneratorPlayer(Generator(seed: 42));
        using var other = new GeneratorPlayer(Generator(seed: 43));

        AssertSameParameters(first.Snapshot(), twin.Snapshot());
        Assert.True(EveryParameterDiffers(first.Snapshot(), other.Snapshot()));
    }

    [Fact]
    public void The_snapshot_lists_every_layer_of_the_network()
    {
        using var player = new GeneratorPlayer(Generator(seed: 1));
        var snapshot = player.Snapshot();

        // Latent 4 -> 16 -> 16 -> 2: three weights and three biases.
        Assert.Equal(6, snapshot.Names.Count);
        Assert.Equal(
            new[] { new[] { 16, 4 }, [16], [16, 16], [16], [2, 16], [2] },
            snapshot.Values.Select(v => v.Shape));
    }

    [Fact]
    public void Propose_returns_a_detached_minibatch_and_advances_the_stream()
    {
        using var scope = NewDisposeScope();
        using var player = new GeneratorPlayer(Generator(seed: 5));

        var first = player.Propose(BatchSize, keepForGradient: true);
        var second = player.Propose(BatchSize, keepForGradient: false);

        Assert.Equal(new long[] { BatchSize, 2 }, first.shape);
        Assert.False(first.requires_grad);
        Assert.False(second.requires_grad);
        Assert.NotEqual(Values(first), Values(second));
    }

    [Fact]
    public void Sample_does_not_advance_the_training_stream()
    {
        using var scope = NewDisposeScope();
        using var sampled = new GeneratorPlayer(Generator(seed: 8));
        using var untouched = new GeneratorPlayer(Generator(seed: 8));

        var evaluation = sampled.Sample(100, seed: 99);
        var afterSample = sampled.Propose(BatchSize, keepForGradient: false);
        var withoutSample = untouched.Propose(BatchSize, keepForGradient: false);

        Assert.Equal(Values(withoutSample), Values(afterSample));
        Assert.Equal(new long[] { 100, 2 }, evaluation.shape);
    }

    [Fact]
    public void Sample_is_determined_by_its_seed()
    {
        using var scope = NewDisposeScope();
        using var player = new GeneratorPlayer(Generator(seed: 8));

        Assert.Equal(Values(player.Sample(32, seed: 7)), Values(player.Sample(32, seed: 7)));
        Assert.NotEqual(Values(player.Sample(32, seed: 7)), Values(player.Sample(32, seed: 11)));
    }

    [Fact]
    public void A_gradient_without_a_kept_proposal_is_refused()
    {
        using var scope = NewDisposeScope();
        using var player = new GeneratorPlayer(Generator(seed: 1));
        var gradient = zeros(BatchSize, 2);

        var never = Assert.Throws<InvalidOperationException>(() => player.ApplyGradient(gradient));
        Assert.Contains("no fake minibatch is waiting", never.Message);

        player.Propose(BatchSize, keepForGradient: false);
        Assert.Throws<InvalidOperationException>(() => player.ApplyGradient(gradient));

        // A kept proposal takes one gradient, not two.
        player.Propose(BatchSize, keepForGradient: true);
        player.ApplyGradient(gradient);
        Assert.Throws<InvalidOperationException>(() => player.ApplyGradient(gradient));
    }

    [Fact]
    public void A_gradient_of_the_wrong_shape_is_refused_naming_both_shapes_and_the_proposal_stays()
    {
        using var scope = NewDisposeScope();
        using var player = new GeneratorPlayer(Generator(seed: 1));
        player.Propose(4, keepForGradient: true);

        var error = Assert.Throws<ArgumentException>(() => player.ApplyGradient(zeros(3, 2)));
        Assert.Contains("[3,2]", error.Message);
        Assert.Contains("[4,2]", error.Message);
        Assert.Throws<ArgumentException>(() => player.ApplyGradient(zeros(4, 2, 1)));

        player.ApplyGradient(zeros(4, 2));
    }

    [Fact]
    public void ApplyGradient_back_propagates_the_message_and_takes_one_sgd_step()
    {
        const double LearningRate = 0.1;
        var sgd = new OptimizerSpec(OptimizerKind.Sgd, LearningRate, 0.5, 0.999, 1e-8, 0, 0);
        using var scope = NewDisposeScope();
        using var player = new GeneratorPlayer(Generator(seed: 3, sgd));
        using var twin = new GeneratorPlayer(Generator(seed: 3, sgd));
        using var noise = new Generator(1234);
        var gradient = randn([BatchSize, 2], generator: noise);

        var proposal = player.Propose(BatchSize, keepForGradient: true);
        var norm = player.ApplyGradient(gradient);

        // By hand on the twin: the same z, x = G(z), then dx/dtheta^T g by back-propagating <x, g>.
        var x = twin.Network.call(twin.DrawLatent(BatchSize));
        Assert.Equal(Values(x.detach()), Values(proposal));
        (x * gradient).sum().backward();
        var expectedNorm = Math.Sqrt(twin.Network.parameters().Sum(p => p.grad!.pow(2).sum().ToDouble()));
        Assert.Equal(expectedNorm, norm, 1e-4 * expectedNorm);
        Assert.True(norm > 0);

        var stepped = player.Network.parameters().ToList();
        var before = twin.Network.parameters().ToList();
        for (var i = 0; i < stepped.Count; i++)
        {
            var expected = before[i].detach() - (LearningRate * before[i].grad!);
            Assert.True(allclose(stepped[i].detach(), expected, rtol: 1e-5, atol: 1e-6), $"parameter {i} is not theta - lr * grad");
            Assert.False(allclose(stepped[i].detach(), before[i].detach(), rtol: 0, atol: 0), $"parameter {i} did not move");
        }
    }
}
