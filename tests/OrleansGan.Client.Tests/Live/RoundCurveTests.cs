using OrleansGan.Abstractions.Game;
using OrleansGan.Live;

namespace OrleansGan.Client.Tests.Live;

/// <summary>The live page's bounded curve: bucket means of consecutive rounds.</summary>
public class RoundCurveTests
{
    private static RoundRecord Round(int round) => new(round, round, -round, 0.5, 0.25, 2 * round, 1);

    [Fact]
    public void Up_to_its_capacity_every_round_is_a_point()
    {
        var curve = new RoundCurve();
        foreach (var r in Enumerable.Range(1, RoundCurve.Capacity))
        {
            curve.Add(Round(r));
        }

        Assert.Equal(Enumerable.Range(1, RoundCurve.Capacity).Select(Round), curve.Points);
    }

    [Fact]
    public void A_long_game_is_held_as_at_most_capacity_means_of_equal_buckets()
    {
        var curve = new RoundCurve();
        const int rounds = 1_000_003;
        foreach (var r in Enumerable.Range(1, rounds))
        {
            curve.Add(Round(r));
        }

        var points = curve.Points;
        Assert.Equal(rounds, curve.Count);
        Assert.InRange(points.Length, RoundCurve.Capacity / 2, RoundCurve.Capacity);
        var size = curve.BucketSize;
        Assert.Equal(256, size); // 1,000,003 rounds in buckets of 1, 2, ... until at most 4,096 remain
        for (var i = 0; i < points.Length - 1; i++)
        {
            // Bucket i holds rounds i * size + 1 .. (i + 1) * size: its mean round and its last.
            var mean = (i * size) + ((size + 1) / 2.0);
            Assert.Equal((i + 1) * size, points[i].Round);
            Assert.Equal(mean, points[i].DiscriminatorLoss, 9);
            Assert.Equal(-mean, points[i].GeneratorLoss, 9);
            Assert.Equal(2 * mean, points[i].DiscriminatorGradientNorm, 9);
            Assert.Equal(0.5, points[i].MeanRealScore, 12);
        }

        Assert.Equal(rounds, points[^1].Round);
    }

    [Fact]
    public void Truncating_drops_whole_buckets_so_the_rounds_between_are_paged_again()
    {
        var curve = new RoundCurve();
        foreach (var r in Enumerable.Range(1, 2 * RoundCurve.Capacity))
        {
            curve.Add(Round(r));
        }

        Assert.Equal(2, curve.BucketSize);
        curve.TruncateTo(101);
        Assert.Equal(100, curve.Count);
        Assert.Equal(50, curve.Points.Length);
        foreach (var r in Enumerable.Range(101, 4))
        {
            curve.Add(Round(r));
        }

        Assert.Equal(104, curve.Points[^1].Round);
        Assert.Equal(103.5, curve.Points[^1].DiscriminatorLoss, 12);
    }
}
