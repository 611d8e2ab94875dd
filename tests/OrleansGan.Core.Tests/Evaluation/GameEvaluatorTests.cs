using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Data;
using OrleansGan.Core.Evaluation;
using OrleansGan.Core.Spec;

namespace OrleansGan.Core.Tests.Evaluation;

/// <summary>The game's evaluator works on its own: samples and scores in, an evaluation record out, no grains.</summary>
public class GameEvaluatorTests
{
    [Fact]
    public void A_sample_on_every_mode_of_the_ring_covers_all_eight_and_keeps_the_scores_and_the_sample()
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string> { ["evaluation.minSamplesPerMode"] = "5" });
        var ring = GaussianMixture.Ring8();
        var values = Enumerable.Range(0, 8 * 5).SelectMany(i => new[] { (float)ring.Modes[2 * (i % 8)], (float)ring.Modes[(2 * (i % 8)) + 1] }).ToArray();
        var samples = new TensorBytes(values.SelectMany(BitConverter.GetBytes).ToArray(), [40, 2]);

        var record = new GameEvaluator(spec).Evaluate(7, samples, values, new DiscriminatorEvaluation(0.75, 0.25));

        Assert.Equal((7, 8, 8, 1.0), (record.Round, record.ModesCovered, record.ModeCount, record.HighQualityFraction));
        Assert.Equal((0.75, 0.25), (record.MeanRealScore, record.MeanFakeScore));
        Assert.Same(samples, record.Samples);
        Assert.Null(record.FrechetDistance);
    }

    [Fact]
    public void A_sample_with_a_nan_or_an_infinity_is_not_finite()
    {
        Assert.True(GameEvaluator.IsFinite([0f, 1f, -2f]));
        Assert.False(GameEvaluator.IsFinite([0f, float.NaN]));
        Assert.False(GameEvaluator.IsFinite([float.PositiveInfinity, 0f]));
    }
}
