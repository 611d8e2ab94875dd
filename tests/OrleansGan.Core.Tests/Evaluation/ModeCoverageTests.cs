using OrleansGan.Core.Data;
using OrleansGan.Core.Evaluation;

namespace OrleansGan.Core.Tests.Evaluation;

public class ModeCoverageTests
{
    private const double QualityStds = 3;

    private static readonly GaussianMixture Ring = GaussianMixture.Ring8();

    /// <summary>The mean of mode <paramref name="mode"/>, shifted by (dx, dy).</summary>
    private static float[] At(GaussianMixture mixture, int mode, double dx = 0, double dy = 0) =>
    [
        (float)(mixture.Modes[2 * mode] + dx),
        (float)(mixture.Modes[(2 * mode) + 1] + dy),
    ];

    private static float[] Concat(IEnumerable<float[]> samples) => samples.SelectMany(s => s).ToArray();

    private static float[] Repeat(float[] sample, int times) => Concat(Enumerable.Repeat(sample, times));

    [Fact]
    public void Samples_at_every_mode_cover_every_mode_and_are_all_high_quality()
    {
        foreach (var mixture in new[] { GaussianMixture.Ring8(), GaussianMixture.Grid25() })
        {
            var samples = Concat(Enumerable.Range(0, mixture.ModeCount).SelectMany(m => Enumerable.Repeat(At(mixture, m), 3)));

            var result = ModeCoverage.Measure(samples, mixture, QualityStds, minSamplesPerMode: 3);

            Assert.Equal(mixture.ModeCount, result.ModeCount);
            Assert.Equal(mixture.ModeCount, result.ModesCovered);
            Assert.Equal(1.0, result.HighQualityFraction);
            Assert.All(result.HighQualityPerMode, n => Assert.Equal(3, n));
        }
    }

    [Fact]
    public void Samples_all_at_one_mode_cover_that_mode_alone()
    {
        var samples = Repeat(At(Ring, 5, 0.01, -0.01), 50);

        var result = ModeCoverage.Measure(samples, Ring, QualityStds, minSamplesPerMode: 20);

        Assert.Equal(1, result.ModesCovered);
        Assert.Equal(1.0, result.HighQualityFraction);
        Assert.Equal(new[] { 0, 0, 0, 0, 0, 50, 0, 0 }, result.HighQualityPerMode);
    }

    [Fact]
    public void Samples_four_stds_from_their_mode_are_not_high_quality_and_cover_nothing()
    {
        var offset = 4 * Ring.Std;
        var samples = Concat(Enumerable.Range(0, 8).Select(m => At(Ring, m, m % 2 == 0 ? offset : 0, m % 2 == 0 ? 0 : -offset)));

        var result = ModeCoverage.Measure(samples, Ring, QualityStds, minSamplesPerMode: 1);

        Assert.Equal(0.0, result.HighQualityFraction);
        Assert.Equal(0, result.ModesCovered);
        Assert.All(result.HighQualityPerMode, n => Assert.Equal(0, n));
    }

    [Fact]
    public void The_quality_radius_is_measured_in_standard_deviations()
    {
        // 2.5 std away (along a diagonal): inside a radius of 3 std, outside one of 2.
        var along = 2.5 * Ring.Std / Math.Sqrt(2);
        var samples = At(Ring, 2, along, along);

        Assert.Equal(1.0, ModeCoverage.Measure(samples, Ring, 3, 1).HighQualityFraction);
        Assert.Equal(0.0, ModeCoverage.Measure(samples, Ring, 2, 1).HighQualityFraction);
    }

    [Fact]
    public void The_high_quality_fraction_counts_every_sample_in_the_denominator()
    {
        // Three samples on modes, one far from all of them (the centre of the ring).
        var samples = Concat([At(Ring, 0), At(Ring, 1), At(Ring, 1), [0f, 0f]]);

        var result = ModeCoverage.Measure(samples, Ring, QualityStds, minSamplesPerMode: 1);

        Assert.Equal(0.75, result.HighQualityFraction);
        Assert.Equal(2, result.ModesCovered);
        Assert.Equal(new[] { 1, 2, 0, 0, 0, 0, 0, 0 }, result.HighQualityPerMode);
    }

    [Fact]
    public void NaN_and_infinite_samples_never_count()
    {
        var mode = At(Ring, 0);
        var samples = Concat(
        [
            mode,
            [float.NaN, mode[1]],
            [mode[0], float.NaN],
            [float.NaN, float.NaN],
            [float.PositiveInfinity, mode[1]],
        ]);

        var result = ModeCoverage.Measure(samples, Ring, QualityStds, minSamplesPerMode: 1);

        Assert.Equal(0.2, result.HighQualityFraction, 1e-12);
        Assert.Equal(new[] { 1, 0, 0, 0, 0, 0, 0, 0 }, result.HighQualityPerMode);
    }

    [Fact]
    public void A_mode_needs_at_least_min_samples_per_mode_to_count_as_covered()
    {
        // Mode 0 has exactly the threshold, mode 1 one fewer, mode 2 one more.
        var samples = Concat([Repeat(At(Ring, 0), 20), Repeat(At(Ring, 1), 19), Repeat(At(Ring, 2), 21)]);

        var result = ModeCoverage.Measure(samples, Ring, QualityStds, minSamplesPerMode: 20);

        Assert.Equal(2, result.ModesCovered);
        Assert.Equal(new[] { 20, 19, 21, 0, 0, 0, 0, 0 }, result.HighQualityPerMode);
        Assert.Equal(3, ModeCoverage.Measure(samples, Ring, QualityStds, minSamplesPerMode: 19).ModesCovered);
        Assert.Equal(1, ModeCoverage.Measure(samples, Ring, QualityStds, minSamplesPerMode: 21).ModesCovered);
    }

    [Fact]
    public void No_samples_cover_nothing()
    {
        var result = ModeCoverage.Measure([], Ring, QualityStds, minSamplesPerMode: 1);

        Assert.Equal(0, result.ModesCovered);
        Assert.Equal(0.0, result.HighQualityFraction);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_length_that_is_not_a_whole_number_of_samples_is_refused(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => ModeCoverage.Measure(new float[length], Ring, QualityStds, 1));
        Assert.Contains($"{length} values", error.Message);
        Assert.Contains("dimension 2", error.Message);
    }
}
