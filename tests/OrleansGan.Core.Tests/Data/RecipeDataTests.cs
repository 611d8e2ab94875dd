using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Native;
using OrleansGan.Core.Players;
using OrleansGan.Core.Tests.Networks;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Data;

/// <summary>
/// The data options of the papers' recipes: the mixtures' radius, spacing and std, the Unrolled GAN notebook's ring,
/// stratified minibatches (the Numerics of GANs), and a fixed finite dataset drawn once from the seed and visited in
/// shuffled passes (PacGAN's 100,000 samples).
/// </summary>
public class RecipeDataTests
{
    public RecipeDataTests() => TorchRuntime.EnsureLoaded();

    private static float[] Values(Tensor t) => t.data<float>().ToArray();

    [Fact]
    public void The_ring_takes_its_radius_and_std_from_the_spec()
    {
        var ring = GaussianMixture.For(new DataSpec(DataKind.Ring8, Radius: 1, Std: 0.01));
        Assert.Equal(0.01, ring.Std);
        for (var m = 0; m < 8; m++)
        {
            var (x, y) = (ring.Modes[2 * m], ring.Modes[(2 * m) + 1]);
            Assert.Equal(1.0, Math.Sqrt((x * x) + (y * y)), 6);
            Assert.Equal(2 * Math.PI * m / 8, (Math.Atan2(y, x) + (2 * Math.PI)) % (2 * Math.PI), 6);
        }

        // Samples scatter around their mode with the asked std.
        using var scope = NewDisposeScope();
        using var stream = new Generator(1);
        var (samples, labels) = ring.SampleLabeled(20_000, stream, CPU);
        var means = tensor(ring.Modes.ToArray(), [8, 2]).index_select(0, labels);
        Assert.Equal(0.01, (samples - means).std().item<float>(), 0.0003);
    }

    [Fact]
    public void The_grid_takes_its_spacing_and_std_from_the_spec_and_the_defaults_are_unchanged()
    {
        var grid = GaussianMixture.For(new DataSpec(DataKind.Grid25, Spacing: 1.5, Std: 0.1));
        Assert.Equal(0.1, grid.Std);
        Assert.Equal(new float[] { -3, -3 }, grid.Modes[..2].ToArray());
        Assert.Equal(new float[] { 3, 3 }, grid.Modes[^2..].ToArray());

        // Without geometry the mixtures are exactly the fixed ones (so existing games do not change).
        Assert.Equal(GaussianMixture.Ring8().Modes.ToArray(), GaussianMixture.For(new DataSpec(DataKind.Ring8)).Modes.ToArray());
        Assert.Equal(GaussianMixture.Grid25().Modes.ToArray(), GaussianMixture.For(new DataSpec(DataKind.Grid25)).Modes.ToArray());
        Assert.Equal(0.02, GaussianMixture.For(new DataSpec(DataKind.Ring8)).Std);
        Assert.Equal(0.05, GaussianMixture.For(new DataSpec(DataKind.Grid25)).Std);
    }

    [Fact]
    public void The_notebooks_linspace_ring_repeats_its_first_mean_so_it_has_seven_distinct_modes()
    {
        var ring = GaussianMixture.For(new DataSpec(DataKind.Ring8, Radius: 1, Std: 0.01, RingAngles: RingAngles.Linspace));
        Assert.Equal(8, ring.ModeCount);
        var means = Enumerable.Range(0, 8).Select(m => (ring.Modes[2 * m], ring.Modes[(2 * m) + 1])).ToList();
        Assert.Equal(means[0], means[7]);
        Assert.Equal(7, means.Distinct().Count());
        Assert.Equal(2 * Math.PI / 7, Math.Atan2(means[1].Item2, means[1].Item1), 6);
    }

    [Fact]
    public void Stratified_minibatches_draw_sample_i_from_mode_i_mod_n()
    {
        using var scope = NewDisposeScope();
        var spec = new DataSpec(DataKind.Ring8, Radius: 1, Std: 0.01, Stratified: true);
        var ring = GaussianMixture.For(spec);
        using var minibatches = RealMinibatches.For(spec, ring, 11);
        using var stream = new Generator(2);
        var (samples, labels) = minibatches.Next(512, stream, CPU);

        Assert.Equal(Enumerable.Range(0, 512).Select(i => (long)(i % 8)), labels.data<long>().ToArray());
        var means = tensor(ring.Modes.ToArray(), [8, 2]).index_select(0, labels);
        Assert.True((samples - means).abs().max().item<float>() < 0.06f);

        // Every mode 64 times, in every minibatch.
        var (_, next) = minibatches.Next(512, stream, CPU);
        Assert.All(Enumerable.Range(0, 8), m => Assert.Equal(64, next.data<long>().ToArray().Count(l => l == m)));
    }

    [Fact]
    public void Fresh_minibatches_are_exactly_the_distributions_draws()
    {
        using var scope = NewDisposeScope();
        var spec = new DataSpec(DataKind.Grid25);
        var grid = GaussianMixture.For(spec);
        using var minibatches = RealMinibatches.For(spec, grid, 11);
        using var a = new Generator(3);
        using var b = new Generator(3);
        Assert.True(minibatches.Next(64, a, CPU).Samples.equal(grid.SampleLabeled(64, b, CPU).Samples).all().item<bool>());
        Assert.False(minibatches.HasState);
    }

    [Fact]
    public void A_fixed_dataset_is_visited_once_per_pass_in_a_shuffled_order_and_a_minibatch_runs_on_into_the_next_pass()
    {
        using var scope = NewDisposeScope();
        var spec = new DataSpec(DataKind.Ring8, Size: 10);
        var ring = GaussianMixture.For(spec);
        using var minibatches = RealMinibatches.For(spec, ring, 21);
        using var stream = new Generator(4);

        // Minibatches of 4 over 10 samples: 4 + 4 + (2 of pass 1, 2 of pass 2) + 4 + 4 ends pass 2.
        var drawn = Enumerable.Range(0, 5).Select(_ => Values(minibatches.Next(4, stream, CPU).Samples)).ToList();
        var all = drawn.SelectMany(v => v).ToArray();
        var firstPass = Points(all[..20]);
        var secondPass = Points(all[20..]);
        Assert.Equal(10, firstPass.Distinct().Count());
        Assert.Equal(firstPass.Order(), secondPass.Order());
        Assert.NotEqual(firstPass, secondPass);
    }

    [Fact]
    public void A_fixed_dataset_depends_on_the_seed_alone_not_on_the_stream_that_shuffles_it()
    {
        using var scope = NewDisposeScope();
        var spec = new DataSpec(DataKind.Grid25, Size: 50);
        var grid = GaussianMixture.For(spec);
        HashSet<(float, float)> Pass(ulong seed, ulong shuffle)
        {
            using var minibatches = RealMinibatches.For(spec, grid, seed);
            using var stream = new Generator(shuffle);
            return Points(Values(minibatches.Next(50, stream, CPU).Samples)).ToHashSet();
        }

        Assert.Equal(Pass(5, 1), Pass(5, 2));
        Assert.NotEqual(Pass(5, 1), Pass(6, 1));

        // Its samples are draws of the mixture: each near a grid mean.
        Assert.All(Pass(5, 1), p => Assert.True(Math.Abs(p.Item1 - Math.Round(p.Item1 / 2) * 2) < 0.3));
    }

    [Fact]
    public void Two_discriminators_of_one_game_seed_train_on_the_same_dataset_whatever_their_networks()
    {
        using var scope = NewDisposeScope();
        var data = new DataSpec(DataKind.Ring8, Size: 64);
        HashSet<(float, float)> Seen(int[] hidden)
        {
            var setup = new DiscriminatorSetup(PlayerSpecs.Defaults.Discriminator with { Hidden = hidden }, 9, data, LossKind.NonSaturating, 64);
            using var player = new DiscriminatorPlayer(setup);
            return Points(Values(player.DrawReal())).ToHashSet();
        }

        Assert.Equal(Seen([16]), Seen([32, 32]));
    }

    [Fact]
    public void A_discriminators_place_in_its_dataset_survives_a_checkpoint()
    {
        using var scope = NewDisposeScope();
        var setup = new DiscriminatorSetup(PlayerSpecs.Defaults.Discriminator with { Hidden = [8] }, 9,
            new DataSpec(DataKind.Ring8, Size: 30), LossKind.NonSaturating, 8);
        using var player = new DiscriminatorPlayer(setup);
        player.DrawReal();
        player.DrawReal();
        var state = player.SaveState();
        var expected = Enumerable.Range(0, 6).Select(_ => Values(player.DrawReal())).ToList();

        // The same player rewound, and a fresh one restored, continue with the same minibatches, across a new pass.
        player.RestoreState(state);
        Assert.Equal(expected, Enumerable.Range(0, 6).Select(_ => Values(player.DrawReal())));
        using var fresh = new DiscriminatorPlayer(setup);
        fresh.RestoreState(state);
        Assert.Equal(expected, Enumerable.Range(0, 6).Select(_ => Values(fresh.DrawReal())));

        // A state without a place in the dataset is refused, and the player keeps its own.
        var plainSetup = setup with { Data = new DataSpec(DataKind.Ring8) };
        using var plain = new DiscriminatorPlayer(plainSetup);
        var error = Assert.Throws<InvalidDataException>(() => fresh.RestoreState(plain.SaveState()));
        Assert.Contains("fixed dataset", error.Message);
    }

    private static List<(float, float)> Points(float[] values) =>
        Enumerable.Range(0, values.Length / 2).Select(i => (values[2 * i], values[(2 * i) + 1])).ToList();
}
