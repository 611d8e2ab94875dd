using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Native;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Data;

public class GaussianMixtureTests
{
    private const int SampleCount = 20_000;

    public GaussianMixtureTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<DataKind> Kinds() => [DataKind.Ring8, DataKind.Grid25];

    private static float[] Draw(GaussianMixture mixture, int count, long seed)
    {
        using var scope = NewDisposeScope();
        using var stream = new Generator((ulong)seed);
        var samples = mixture.Sample(count, stream, CPU);
        Assert.Equal(new long[] { count, mixture.Dimension }, samples.shape);
        Assert.Equal(ScalarType.Float32, samples.dtype);
        return samples.data<float>().ToArray();
    }

    /// <summary>The index of the nearest mode of each sample, and the sample minus that mode.</summary>
    private static (int Mode, double[] Delta)[] Nearest(GaussianMixture mixture, float[] samples)
    {
        var dimension = mixture.Dimension;
        var modes = mixture.Modes.ToArray();
        return Enumerable.Range(0, samples.Length / dimension).Select(s =>
        {
            var deltas = Enumerable.Range(0, mixture.ModeCount)
                .Select(m => Enumerable.Range(0, dimension).Select(d => (double)samples[(s * dimension) + d] - modes[(m * dimension) + d]).ToArray())
                .ToList();
            var best = deltas.Select((delta, m) => (m, distance: delta.Sum(v => v * v))).MinBy(p => p.distance).m;
            return (best, deltas[best]);
        }).ToArray();
    }

    [Fact]
    public void Ring8_has_eight_modes_evenly_spaced_on_a_circle_of_radius_two_with_std_0_02()
    {
        var ring = GaussianMixture.Ring8();

        Assert.Equal(8, ring.ModeCount);
        Assert.Equal(2, ring.Dimension);
        Assert.Equal(0.02, ring.Std);
        var modes = ring.Modes.ToArray();
        var angles = new List<double>();
        for (var m = 0; m < 8; m++)
        {
            var (x, y) = (modes[2 * m], modes[(2 * m) + 1]);
            Assert.Equal(2.0, Math.Sqrt((x * x) + (y * y)), 1e-6);
            angles.Add((Math.Atan2(y, x) + (2 * Math.PI)) % (2 * Math.PI));
        }

        // Sorted angles step by exactly 45 degrees: eight distinct, evenly spaced modes.
        angles.Sort();
        for (var m = 1; m < 8; m++)
        {
            Assert.Equal(Math.PI / 4, angles[m] - angles[m - 1], 1e-6);
        }
    }

    [Fact]
    public void Grid25_has_the_means_of_the_five_by_five_grid_with_std_0_05()
    {
        var grid = GaussianMixture.Grid25();

        Assert.Equal(25, grid.ModeCount);
        Assert.Equal(2, grid.Dimension);
        Assert.Equal(0.05, grid.Std);
        var modes = grid.Modes.ToArray();
        var actual = Enumerable.Range(0, 25).Select(m => (modes[2 * m], modes[(2 * m) + 1])).ToHashSet();
        float[] axis = [-4, -2, 0, 2, 4];
        var expected = (from x in axis from y in axis select (x, y)).ToHashSet();
        Assert.Equal(25, actual.Count);
        Assert.True(expected.SetEquals(actual), $"means: {string.Join(" ", actual)}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void For_builds_the_mixture_the_spec_names(DataKind kind)
    {
        var mixture = GaussianMixture.For(new DataSpec(kind));
        var expected = kind == DataKind.Ring8 ? GaussianMixture.Ring8() : GaussianMixture.Grid25();

        Assert.Equal(expected.ModeCount, mixture.ModeCount);
        Assert.Equal(expected.Std, mixture.Std);
        Assert.Equal(expected.Modes.ToArray(), mixture.Modes.ToArray());
    }

    [Fact]
    public void For_refuses_an_undefined_kind_and_a_mixture_needs_a_mode()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMixture.For(new DataSpec((DataKind)9)));
        Assert.Throws<ArgumentException>(() => new GaussianMixture([], 1.0));
    }

    [Fact]
    public void The_same_seed_draws_the_same_samples_and_another_seed_others()
    {
        var ring = GaussianMixture.Ring8();

        var first = Draw(ring, 64, seed: 5);
        Assert.Equal(first, Draw(ring, 64, seed: 5));
        Assert.NotEqual(first, Draw(ring, 64, seed: 6));
    }

    [Fact]
    public void Successive_draws_from_one_stream_differ()
    {
        using var scope = NewDisposeScope();
        using var stream = new Generator(5);
        var ring = GaussianMixture.Ring8();
        var first = ring.Sample(64, stream, CPU).data<float>().ToArray();
        var second = ring.Sample(64, stream, CPU).data<float>().ToArray();
        Assert.NotEqual(first, second);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Samples_scatter_around_their_nearest_mode_with_the_mixture_std(DataKind kind)
    {
        var mixture = GaussianMixture.For(new DataSpec(kind));
        var nearest = Nearest(mixture, Draw(mixture, SampleCount, seed: 11));
        var variance = mixture.Std * mixture.Std;

        // E|x - mu|^2 / dimension = std^2; the estimate's own spread on 20,000 samples is under 1%.
        var meanSquared = nearest.Average(n => n.Delta.Sum(v => v * v)) / mixture.Dimension;
        Assert.InRange(meanSquared, 0.9 * variance, 1.1 * variance);

        // The noise is centred on the mode: each coordinate's mean offset is well under a tenth of a std.
        for (var d = 0; d < mixture.Dimension; d++)
        {
            Assert.InRange(nearest.Average(n => n.Delta[d]), -0.1 * mixture.Std, 0.1 * mixture.Std);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_mode_gets_about_an_equal_share_of_the_samples(DataKind kind)
    {
        var mixture = GaussianMixture.For(new DataSpec(kind));
        var counts = new int[mixture.ModeCount];
        foreach (var (mode, _) in Nearest(mixture, Draw(mixture, SampleCount, seed: 23)))
        {
            counts[mode]++;
        }

        // Pearson's chi-square with K - 1 degrees of freedom has mean K - 1 and std sqrt(2 (K - 1));
        // allow ten of those stds: generous, yet a missing or doubled mode gives thousands.
        var expected = (double)SampleCount / mixture.ModeCount;
        var chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        var dof = mixture.ModeCount - 1;
        Assert.True(chiSquare < dof + (10 * Math.Sqrt(2.0 * dof)), $"chi-square {chiSquare:F1} on {dof} dof; counts {string.Join(",", counts)}");
    }
}
