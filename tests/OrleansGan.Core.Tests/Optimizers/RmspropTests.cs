using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Native;
using OrleansGan.Core.Optimizers;
using OrleansGan.Core.Players;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Tests.Players;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Optimizers;

/// <summary>
/// RMSprop as the spec describes it: v = alpha v + (1 - alpha) g^2, p -= lr g / (sqrt(v) + eps), with the spec's alpha
/// reaching the optimizer, and its running average saved with the player.
/// </summary>
public class RmspropTests
{
    public RmspropTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Two_steps_follow_the_running_average_of_squared_gradients_with_the_specs_alpha()
    {
        const double Rate = 0.01, Alpha = 0.8, Eps = 1e-8;
        using var scope = NewDisposeScope();
        var p = new TorchSharp.Modules.Parameter(tensor(new[] { 1.0, -2.0 }, float64));
        using var optimizer = OptimizerFactory.Create(new OptimizerSpec(OptimizerKind.Rmsprop, Rate, 0.5, 0.999, Eps, 0, 0, Alpha), [p]);
        double[] w = [1.0, -2.0];
        double[] v = [0, 0];
        for (var step = 0; step < 2; step++)
        {
            // Cost sum(p^3) has gradient 3 p^2.
            optimizer.zero_grad();
            p.pow(3).sum().backward();
            optimizer.step();
            for (var i = 0; i < 2; i++)
            {
                var g = 3 * w[i] * w[i];
                v[i] = (Alpha * v[i]) + ((1 - Alpha) * g * g);
                w[i] -= Rate * g / (Math.Sqrt(v[i]) + Eps);
            }
        }

        var actual = p.detach().data<double>().ToArray();
        Assert.Equal(w[0], actual[0], 12);
        Assert.Equal(w[1], actual[1], 12);
    }

    [Fact]
    public void Rmsprop_is_named_rmsprop_in_a_spec_with_alpha_defaulting_to_torchs()
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string> { ["discriminator.optimizer.kind"] = "rmsprop" });
        Assert.Equal(OptimizerKind.Rmsprop, spec.Discriminator.Optimizer.Kind);
        Assert.Equal(0.99, spec.Discriminator.Optimizer.Alpha);
        Assert.Equal(0.9, GameSpecLoader.Load(null, new Dictionary<string, string> { ["generator.optimizer.alpha"] = "0.9" }).Generator.Optimizer.Alpha);
    }

    [Fact]
    public void A_restored_rmsprop_discriminator_continues_exactly_and_one_without_the_running_average_does_not()
    {
        using var scope = NewDisposeScope();
        using var original = new DiscriminatorPlayer(Setup(seed: 2));
        for (var step = 0; step < 3; step++)
        {
            original.Update(Fakes(step));
        }

        // Another seed: only the restored state can make the two agree.
        using var restored = new DiscriminatorPlayer(Setup(seed: 9));
        restored.RestoreState(original.SaveState());

        // The same weights at the same point of the same stream, but RMSprop's running average back at zero.
        using var forgetful = new DiscriminatorPlayer(Setup(seed: 2));
        for (var step = 0; step < 3; step++)
        {
            forgetful.DrawReal();
        }

        using (no_grad())
        {
            foreach (var (target, source) in forgetful.Network.parameters().Zip(original.Network.parameters()))
            {
                target.copy_(source);
            }
        }

        for (var step = 3; step < 6; step++)
        {
            Assert.Equal(original.Update(Fakes(step)), restored.Update(Fakes(step)));
            if (step == 3)
            {
                forgetful.Update(Fakes(step));
                Assert.NotEqual(PlayerFixtures.Values(original.Snapshot()), PlayerFixtures.Values(forgetful.Snapshot()));
            }
        }

        PlayerFixtures.AssertSameParameters(original.Snapshot(), restored.Snapshot());
    }

    private static DiscriminatorSetup Setup(ulong seed)
    {
        var setup = PlayerFixtures.Discriminator(seed);
        return setup with { Spec = setup.Spec with { Optimizer = setup.Spec.Optimizer with { Kind = OptimizerKind.Rmsprop, LearningRate = 0.01, Alpha = 0.9 } } };
    }

    private static Tensor Fakes(int seed)
    {
        using var noise = new Generator((ulong)seed + 100);
        return 1.5 * randn([PlayerFixtures.BatchSize, 2], generator: noise);
    }
}
