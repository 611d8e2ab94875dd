using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Cluster.Tests.Sweeps;
using OrleansGan.Core.Spec;
using StackExchange.Redis;

namespace OrleansGan.Cluster.Tests;

/// <summary>
/// <c>forget --cluster</c> (the command line as its own process) on a silo process that keeps everything in Redis: every key of the forgotten game
/// (checkpoint, record logs, durable record) is gone, the neighbour's keys hold the same bytes, and a game forgotten
/// twice is not stored the second time.
/// </summary>
public class ForgetOnRedisTests
{
    [Fact]
    public async Task Forgetting_on_a_cluster_removes_every_key_of_the_game_and_none_of_its_neighbour()
    {
        await using var cluster = await RedisCluster.StartAsync(1);
        await using var client = await ClusterClient.ConnectAsync(cluster.Gateways);
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["rounds"] = "20", ["batchSize"] = "16", ["generator.hidden"] = "[8]", ["discriminator.hidden"] = "[8]",
            ["evaluation.every"] = "10", ["evaluation.samples"] = "64", ["checkpoint.every"] = "10",
        });
        foreach (var id in new[] { "redis-forgotten", "redis-neighbour" })
        {
            var (last, _) = await Following.PlayAsync(client.Client, client.Client.GetGrain<IGameGrain>(id), spec, TimeSpan.FromMinutes(3));
            Assert.True(last.State == GameState.Finished, $"{id}: {last.State} {last.Error}");
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var database = redis.GetDatabase();
        async Task<Dictionary<string, string>> KeysOfAsync(string id)
        {
            var keys = new Dictionary<string, string>();
            await foreach (var key in server.KeysAsync(pattern: $"*{id}*"))
            {
                keys[key.ToString()] = Convert.ToHexString(await database.KeyDumpAsync(key) ?? []);
            }

            return keys;
        }

        var forgottenKeys = await KeysOfAsync("redis-forgotten");
        Assert.Contains("orleansgan:checkpoint:redis-forgotten", forgottenKeys.Keys);
        Assert.Contains("orleansgan:rounds:redis-forgotten", forgottenKeys.Keys);
        Assert.Contains("orleansgan:evaluations:redis-forgotten", forgottenKeys.Keys);
        Assert.Contains(forgottenKeys.Keys, k => !k.StartsWith("orleansgan:", StringComparison.Ordinal)); // the durable record
        var neighbour = await KeysOfAsync("redis-neighbour");

        var gateway = $"127.0.0.1:{cluster.Gateways[0]}";
        var (exit, output) = await ClientProcess.RunAsync(Path.GetTempPath(), TimeSpan.FromMinutes(2), "forget", "redis-forgotten", "--cluster", gateway);
        Assert.True(exit == 0, output);
        Assert.Contains("forgotten: game redis-forgotten (finished)", output);
        Assert.Contains("redis key orleansgan:checkpoint:redis-forgotten", output);

        // Orleans' grain directory ("<cluster>/directory/<grain>") registers live activations, not stored data: the
        // players, sent away by forget, unregister as their activations go, a moment after it returns.
        var left = (await KeysOfAsync("redis-forgotten")).Keys.Where(k => !k.Contains("/directory/", StringComparison.Ordinal)).ToList();
        Assert.True(left.Count == 0, $"keys left: {string.Join(", ", left)}");
        Assert.Equal(neighbour, await KeysOfAsync("redis-neighbour"));
        Assert.Contains(neighbour.Keys, k => k.StartsWith("orleansgan:checkpoint:", StringComparison.Ordinal));
        var listed = await client.Client.GetGrain<IGameDirectoryGrain>(0).ListAsync();
        Assert.DoesNotContain(listed, e => e.GameId == "redis-forgotten");
        Assert.Contains(listed, e => e.GameId == "redis-neighbour");

        var (again, answer) = await ClientProcess.RunAsync(Path.GetTempPath(), TimeSpan.FromMinutes(2), "forget", "redis-forgotten", "--cluster", gateway);
        Assert.True(again == 0, answer);
        Assert.Contains("not stored: game redis-forgotten", answer);
    }
}
