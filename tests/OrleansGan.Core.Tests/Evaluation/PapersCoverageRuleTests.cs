using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Evaluation;
using OrleansGan.Core.Tests.Networks;

namespace OrleansGan.Core.Tests.Evaluation;

/// <summary>
/// VEEGAN's and PacGAN's evaluation (PacGAN's MetricLogger): a sample is high-quality when strictly within 3 std of its
/// nearest mean, a mode is captured by a single high-quality sample, and the reverse KL of the high-quality histogram
/// from the uniform distribution, checked on constructed samples whose answers are known.
/// </summary>
public class PapersCoverageRuleTests
{
    // A ring whose std makes 3 std a float-exact distance: modes at radius 1, std 0.25, so 3 std = 0.75.
    private static readonly GaussianMixture Ring = GaussianMixture.Ring(1, 0.25, RingAngles.Even);

    private static readonly EvaluationSpec Papers = PlayerSpecs.Defaults.Evaluation with { Rule = CoverageRule.VeeganPacgan };

    private static readonly EvaluationSpec Ours = PlayerSpecs.Defaults.Evaluation;

    [Fact]
    public void One_high_quality_sample_captures_a_mode_under_the_papers_rule_but_not_under_ours()
    {
        // 25 samples on mode 0, one on mode 3: the papers capture 2 modes, this project's rule (20 samples) 1.
        float[] samples = [.. Enumerable.Repeat(new[] { 1f, 0f }, 25).SelectMany(s => s), 0, 0];
        samples[^2] = Ring.Modes[6];
        samples[^1] = Ring.Modes[7];

        var papers = ModeCoverage.Measure(samples, Ring, Papers);
        var ours = ModeCoverage.Measure(samples, Ring, Ours);

        Assert.Equal(2, papers.ModesCovered);
        Assert.Equal(1, ours.ModesCovered);
        Assert.Equal(1.0, papers.HighQualityFraction);
        Assert.Equal(new[] { 25, 0, 0, 1, 0, 0, 0, 0 }, papers.HighQualityPerMode);
    }

    [Fact]
    public void A_sample_exactly_three_stds_away_is_high_quality_for_this_project_and_not_for_the_papers()
    {
        // (1.75, 0) is 0.75 = 3 x 0.25 from mode 0 at (1, 0); (1.5, 0) is 2 std away, (2, 0) 4 std away.
        float[] samples = [1.75f, 0, 1.5f, 0, 2f, 0];

        var papers = ModeCoverage.Measure(samples, Ring, Papers);
        var ours = ModeCoverage.Measure(samples, Ring, Ours with { MinSamplesPerMode = 1 });

        Assert.Equal(1.0 / 3, papers.HighQualityFraction, 12);
        Assert.Equal(2.0 / 3, ours.HighQualityFraction, 12);
        Assert.Equal(1, papers.ModesCovered);
    }

    [Fact]
    public void The_papers_rule_on_the_grid_counts_modes_and_quality_over_2500_samples()
    {
        // 2,500 samples: 100 at each of 20 grid means (within 1 std), 500 far from every mean (between four means).
        var grid = GaussianMixture.Grid25();
        var samples = new List<float>();
        for (var m = 0; m < 20; m++)
        {
            for (var i = 0; i < 100; i++)
            {
                samples.Add(grid.Modes[2 * m] + 0.04f);
                samples.Add(grid.Modes[(2 * m) + 1]);
            }
        }

        for (var i = 0; i < 500; i++)
        {
            samples.AddRange([1f, 1f]);
        }

        var result = ModeCoverage.Measure(samples.ToArray(), grid, Papers);

        Assert.Equal(20, result.ModesCovered);
        Assert.Equal(2000.0 / 2500, result.HighQualityFraction, 12);

        // The histogram is uniform over 20 of the 25 modes: KL = sum 1/20 log(25/20) = log(25/20).
        Assert.Equal(Math.Log(25.0 / 20), result.ReverseKl!.Value, 12);
    }

    [Theory]
    [InlineData(new[] { 5, 5, 5, 5 }, 0.0)]
    [InlineData(new[] { 3, 3, 0, 0 }, 0.69314718055994531)]
    [InlineData(new[] { 9, 0, 0, 0 }, 1.3862943611198906)]
    [InlineData(new[] { 3, 1, 0, 0 }, 0.82395921650108226)]
    public void The_reverse_KL_is_sum_p_log_n_p_with_empty_modes_adding_nothing(int[] counts, double expected)
    {
        // By hand: (2, 2, 0, 0) gives 2 x 1/2 log(4/2) = log 2; all in one gives log 4;
        // (3, 1, 0, 0) gives 3/4 log(4 x 3/4) + 1/4 log(4 x 1/4) = 0.75 log 3.
        Assert.Equal(expected, ReverseKullbackLeibler.OfHistogram(counts)!.Value, 12);
    }

    [Fact]
    public void The_reverse_KL_equals_log_n_minus_the_entropy_PacGANs_logger_writes()
    {
        int[] counts = [7, 0, 2, 11, 0, 1, 4, 4];
        var total = counts.Sum();
        var entropy = -counts.Where(c => c > 0).Sum(c => (double)c / total * Math.Log((double)c / total));
        Assert.Equal(Math.Log(8) - entropy, ReverseKullbackLeibler.OfHistogram(counts)!.Value, 12);
    }

    [Fact]
    public void Without_high_quality_samples_the_reverse_KL_is_undefined()
    {
        Assert.Null(ReverseKullbackLeibler.OfHistogram([0, 0, 0]));
        float[] far = [5f, 5f, -5f, 5f];
        Assert.Null(ModeCoverage.Measure(far, Ring, Papers).ReverseKl);
    }

    [Fact]
    public void On_the_notebooks_ring_the_repeated_mean_takes_its_samples_so_at_most_seven_modes_are_captured()
    {
        var notebook = GaussianMixture.Ring(1, 0.01, RingAngles.Linspace);
        var samples = Enumerable.Range(0, 8).SelectMany(m => new[] { notebook.Modes[2 * m], notebook.Modes[(2 * m) + 1] }).ToArray();

        var result = ModeCoverage.Measure(samples, notebook, Papers);

        Assert.Equal(7, result.ModesCovered);
        Assert.Equal(new[] { 2, 1, 1, 1, 1, 1, 1, 0 }, result.HighQualityPerMode);
    }
}
