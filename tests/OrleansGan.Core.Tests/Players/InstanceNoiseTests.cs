using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Native;
using OrleansGan.Core.Players;
using OrleansGan.Core.Stabilizers;
using static OrleansGan.Core.Tests.Players.PlayerFixtures;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Players;

/// <summary>Instance noise (Sønderby et al. 2016): its annealing schedule, and that it reaches the discriminator's inputs.</summary>
public class InstanceNoiseTests
{
    public InstanceNoiseTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(0, 0.4)]
    [InlineData(50, 0.2)]
    [InlineData(100, 0.0)]
    [InlineData(250, 0.0)]
    public void The_std_falls_linearly_from_sigma0_to_zero_over_the_annealing_rounds(int round, double expected)
    {
        Assert.Equal(expected, InstanceNoise.Std(new InstanceNoiseSpec(0.4, 100), round), 12);
    }

    [Fact]
    public void Without_annealing_the_std_stays_at_sigma0_and_without_noise_it_is_zero()
    {
        Assert.Equal(0.3, InstanceNoise.Std(new InstanceNoiseSpec(0.3, 0), 0));
        Assert.Equal(0.3, InstanceNoise.Std(new InstanceNoiseSpec(0.3, 0), 10_000));
        Assert.Equal(0, InstanceNoise.Std(null, 5));
        Assert.Equal(0, InstanceNoise.Std(new InstanceNoiseSpec(0, 10), 5));
    }

    [Fact]
    public void Noise_is_a_gaussian_of_the_given_std_from_the_stream_and_nothing_is_drawn_at_zero_std()
    {
        using var scope = NewDisposeScope();
        using var a = new Generator(3);
        using var b = new Generator(3);
        var x = zeros([20000, 2]);

        Assert.Same(x, InstanceNoise.Add(x, 0, a));
        var noisy = InstanceNoise.Add(x, 0.5, a);

        Assert.InRange(noisy.std().ToDouble(), 0.49, 0.51);
        Assert.InRange(noisy.mean().ToDouble(), -0.02, 0.02);
        Assert.Equal((0.5 * randn([20000, 2], generator: b)).data<float>().ToArray(), noisy.data<float>().ToArray());
    }

    private static DiscriminatorSetup Noisy(double sigma0, int annealRounds) =>
        Discriminator(seed: 9) with { Stabilizers = new StabilizerSpec(1, InstanceNoise: new InstanceNoiseSpec(sigma0, annealRounds)) };

    private static Tensor Fakes()
    {
        using var stream = new Generator(17);
        return randn([BatchSize, 2], generator: stream);
    }

    [Fact]
    public void The_discriminator_cost_changes_with_noise_and_equals_the_noiseless_cost_once_annealed_to_zero()
    {
        using var scope = NewDisposeScope();
        using var plain = new DiscriminatorPlayer(Discriminator(seed: 9));
        using var noisy = new DiscriminatorPlayer(Noisy(0.5, 4));
        using var annealed = new DiscriminatorPlayer(Noisy(0.5, 4));

        var withoutNoise = plain.Update(Fakes(), round: 4).DiscriminatorLoss;
        Assert.NotEqual(withoutNoise, noisy.Update(Fakes(), round: 1).DiscriminatorLoss);
        Assert.Equal(withoutNoise, annealed.Update(Fakes(), round: 4).DiscriminatorLoss);
        AssertSameParameters(plain.Snapshot(), annealed.Snapshot());
    }

    [Fact]
    public void The_gradient_message_is_the_discriminators_gradient_at_the_noisy_point()
    {
        using var scope = NewDisposeScope();
        using var plain = new DiscriminatorPlayer(Discriminator(seed: 9));
        using var noisy = new DiscriminatorPlayer(Noisy(0.5, 0));
        var (noisyGradient, noisyCost, _) = noisy.Judge(Fakes(), round: 3);
        var (plainGradient, plainCost, _) = plain.Judge(Fakes(), round: 3);
        Assert.NotEqual(plainCost, noisyCost);
        Assert.NotEqual(plainGradient.data<float>().ToArray(), noisyGradient.data<float>().ToArray());

        // Replaying the noisy player's stream (its network's initialisation, then the noise) and letting the plain
        // player judge those noisy points gives the noisy player's message. Re-initialising changes no weight.
        using var stream = new Generator(9);
        plain.Network.Initialize(stream, null);
        var point = Fakes() + (0.5 * randn([BatchSize, 2], generator: stream));
        var (atPoint, costAtPoint, _) = plain.Judge(point, round: 3);
        Assert.Equal(costAtPoint, noisyCost, 6);
        Assert.Equal(atPoint.data<float>().ToArray(), noisyGradient.data<float>().ToArray(), new Close(1e-6));
    }

    private sealed class Close(double tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
