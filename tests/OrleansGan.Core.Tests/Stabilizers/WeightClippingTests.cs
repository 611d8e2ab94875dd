using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Native;
using OrleansGan.Core.Optimizers;
using OrleansGan.Core.Players;
using OrleansGan.Core.Stabilizers;
using OrleansGan.Core.Tests.Players;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Stabilizers;

/// <summary>
/// WGAN's weight clipping (Arjovsky et al. 2017, Algorithm 1, line 8): after every discriminator step, whatever the
/// move that took it, each parameter lies in [-c, c], and a large step drives some of them onto the bound.
/// </summary>
public class WeightClippingTests
{
    private const double Clip = 0.01;

    public WeightClippingTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<string> Moves() => ["update", "optimistic", "from-anchor", "judge-unrolled-then-update", "consensus"];

    [Theory]
    [MemberData(nameof(Moves))]
    public void Every_discriminator_move_leaves_every_parameter_within_the_clip_and_some_on_it(string move)
    {
        using var scope = NewDisposeScope();
        using var player = new DiscriminatorPlayer(Setup(Clip));
        Assert.True(Largest(player) > Clip, "the initial parameters should lie outside the clip, or the test proves nothing");

        Play(player, move);

        Assert.True(Largest(player) <= (float)Clip, $"a parameter is {Largest(player)} after {move}, beyond the clip {Clip}");
        Assert.Equal((float)Clip, Largest(player));
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void Without_a_clip_the_same_moves_leave_parameters_beyond_it(string move)
    {
        using var scope = NewDisposeScope();
        using var player = new DiscriminatorPlayer(Setup(null));
        Play(player, move);
        Assert.True(Largest(player) > Clip);
    }

    [Fact]
    public void The_look_ahead_clips_each_step_as_the_real_step_does()
    {
        using var scope = NewDisposeScope();
        var spec = new OptimizerSpec(OptimizerKind.Rmsprop, 0.05, 0, 0, 1e-8, 0, 0, 0.9);
        using var stream = new Generator(4);
        var p = new TorchSharp.Modules.Parameter(0.02 * randn([5, 3], dtype: ScalarType.Float64, generator: stream));
        var target = randn([5, 3], dtype: ScalarType.Float64, generator: stream);
        using var optimizer = OptimizerFactory.Create(spec, [p]);
        Tensor Cost(Tensor w) => (w - target).pow(2).sum();

        var clipped = new OptimizerLookahead(spec, optimizer, Clip);
        var free = new OptimizerLookahead(spec, optimizer);
        IReadOnlyList<Tensor> a = [p.detach().clone().requires_grad_(true)];
        IReadOnlyList<Tensor> b = [p.detach().clone().requires_grad_(true)];
        for (var step = 0; step < 2; step++)
        {
            a = clipped.Step(a, autograd.grad([Cost(a[0])], [a[0]]).ToList()).Select(t => t.detach().requires_grad_(true)).ToList();
            b = free.Step(b, autograd.grad([Cost(b[0])], [b[0]]).ToList()).Select(t => t.detach().requires_grad_(true)).ToList();
        }

        for (var step = 0; step < 2; step++)
        {
            optimizer.zero_grad();
            Cost(p).backward();
            optimizer.step();
            WeightClipping.ClampInPlace([p], Clip);
        }

        Assert.True(allclose(a[0], p.detach(), rtol: 1e-12, atol: 1e-14), "the clipped look-ahead and the clipped optimizer disagree");
        Assert.Equal(Clip, a[0].abs().max().ToDouble(), 12);
        Assert.True(b[0].abs().max().ToDouble() > Clip);
    }

    private static float Largest(DiscriminatorPlayer player)
    {
        using var scope = NewDisposeScope();
        return player.Network.parameters().Max(p => p.detach().abs().max().ToSingle());
    }

    private static DiscriminatorSetup Setup(double? clip)
    {
        var setup = PlayerFixtures.Discriminator(seed: 3, LossKind.Wasserstein);
        return setup with
        {
            Spec = setup.Spec with
            {
                WeightClip = clip,
                Optimizer = setup.Spec.Optimizer with { Kind = OptimizerKind.Sgd, LearningRate = 10, Momentum = 0 },
            },
        };
    }

    private static void Play(DiscriminatorPlayer player, string move)
    {
        using var noise = new Generator(11);
        var fake = 1.5 * randn([PlayerFixtures.BatchSize, 2], generator: noise);
        switch (move)
        {
            case "update":
                player.Update(fake);
                break;
            case "optimistic":
                player.Update(fake, UpdateRule.Optimistic);
                player.Update(fake, UpdateRule.Optimistic);
                break;
            case "from-anchor":
                player.SaveAnchor();
                player.Update(fake);
                player.Update(fake, UpdateRule.FromAnchor);
                break;
            case "judge-unrolled-then-update":
                player.JudgeUnrolledThenUpdate(fake, steps: 2, throughSteps: true);
                break;
            default:
                var (u, _, _, _) = player.ConsensusJudge(fake);
                player.ConsensusUpdate(u, 0.5);
                break;
        }
    }
}
