using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Client.Runs;
using OrleansGan.Core.Spec;
using OrleansGan.Live;
using Xunit;

namespace OrleansGan.Client.Tests.Runs;

public sealed class FollowedRecordsTests
{
    private static readonly Abstractions.Spec.GameSpec Spec = GameSpecLoader.Load(null, []);

    private static RoundRecord Round(int round) => new(round, round % 7, -(round % 5), 0.5, 0.25, 1, 2);

    private static EvaluationRecord Evaluation(int round) =>
        new(round, round % 8, 8, 0.5, 0.6, 0.4, new TensorBytes(new byte[8 * 400], [400, 2]));

    [Fact]
    public void A_long_game_is_held_as_bucket_means_and_its_last_hundred_rounds()
    {
        var records = new FollowedRecords(Spec, maxFrames: 60);
        for (var round = 1; round <= 100_000; round++)
        {
            records.Add(Round(round));
        }

        Assert.Equal(100_000, records.Rounds);
        Assert.InRange(records.Curve.Points.Length, RoundCurve.Capacity / 2, RoundCurve.Capacity);
        Assert.Equal(100_000, records.Curve.Points[^1].Round);
        Assert.Equal(Enumerable.Range(99_901, 100), records.Recent.Select(r => r.Round));
        Assert.Equal(100_000, records.LastRound!.Round);

        // Each point is the mean of the rounds it covers: the first bucket holds rounds 1..BucketSize.
        var size = records.Curve.BucketSize;
        Assert.Equal(Enumerable.Range(1, size).Average(r => (double)(r % 7)), records.Curve.Points[0].DiscriminatorLoss, 9);
    }

    [Fact]
    public void Only_an_evenly_spread_few_evaluations_and_the_latest_are_held_whole()
    {
        var records = new FollowedRecords(Spec, maxFrames: 10);
        for (var i = 0; i < 1_000; i++)
        {
            records.Add(Evaluation(100 * i));
        }

        Assert.Equal(1_000, records.Evaluations.Count);
        Assert.All(records.Evaluations.SkipLast(1), e => Assert.Empty(e.Samples.Data));
        Assert.Equal(8 * 400, records.LastEvaluation!.Samples.Data.Length);
        Assert.InRange(records.Drawn.Count, 10, 21);
        Assert.All(records.Drawn, e => Assert.Equal(8 * 400, e.Samples.Data.Length));
        Assert.Equal(0, records.Drawn[0].Round);
        Assert.Equal(99_900, records.Drawn[^1].Round);

        var report = records.ForReport();
        Assert.Equal(records.Drawn.Select(e => e.Round), report.Evaluations.Select(e => e.Round));
        Assert.Empty(report.Rounds);
    }

    [Fact]
    public void A_short_game_is_held_whole()
    {
        var records = new FollowedRecords(Spec, maxFrames: 60);
        for (var round = 1; round <= 50; round++)
        {
            records.Add(Round(round));
        }

        for (var i = 0; i < 5; i++)
        {
            records.Add(Evaluation(10 * i));
        }

        Assert.Equal(Enumerable.Range(1, 50), records.Curve.Points.Select(r => r.Round));
        Assert.Equal(Enumerable.Range(1, 50), records.Recent.Select(r => r.Round));
        Assert.Equal([0, 10, 20, 30, 40], records.ForReport().Evaluations.Select(e => e.Round));
    }
}
