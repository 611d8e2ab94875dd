using OrleansGan.Abstractions.Game;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Tests.Cluster;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>Sixteen games at once on the cluster all finish, and games with the same seed stay identical: no shared state.</summary>
[Collection(ClusterCollection.Name)]
public class ConcurrentGamesTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Sixteen_concurrent_games_finish_and_do_not_disturb_each_other()
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "concurrent", ["seed"] = "17", ["rounds"] = "60", ["batchSize"] = "32", ["protocol.kind"] = "simultaneous",
            ["generator.hidden"] = "[16,16]", ["discriminator.hidden"] = "[16,16]",
            ["evaluation.every"] = "20", ["evaluation.samples"] = "200", ["checkpoint.every"] = "20",
        });
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            GameRunner.PlayAsync(fixture.Client, $"concurrent-{i}", i % 2 == 0 ? spec : spec with { Seed = 18 }, TimeSpan.FromMinutes(3))));

        Assert.All(results, r => Assert.Equal(GameState.Finished, r.Last.State));

        // A game reports its end to the directory before its watchers hear of it.
        var directory = fixture.Client.GetGrain<Abstractions.Grains.IGameDirectoryGrain>(0);
        Assert.Equal(16, (await directory.ListAsync()).Count(e => e.GameId.StartsWith("concurrent-", StringComparison.Ordinal) && e.State == GameState.Finished));
        static IEnumerable<(double, double)> Losses(List<RoundRecord> rounds) => rounds.Select(r => (r.DiscriminatorLoss, r.GeneratorLoss));
        for (var i = 2; i < results.Length; i++)
        {
            Assert.Equal(Losses(results[i % 2].Rounds), Losses(results[i].Rounds));
        }

        Assert.NotEqual(Losses(results[0].Rounds), Losses(results[1].Rounds));
    }
}
