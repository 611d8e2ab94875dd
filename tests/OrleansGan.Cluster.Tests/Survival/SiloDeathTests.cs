using System.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Abstractions.Watching;
using OrleansGan.Core.Spec;
using StackExchange.Redis;
using Xunit.Abstractions;
using OrleansGan.Grains.Tests.Diagnostics;
using OrleansGan.Grains.Tests.Game;

namespace OrleansGan.Cluster.Tests.Survival;

/// <summary>
/// Slow suite (a): three silo processes on Redis play six games; in each of three runs a silo hosting game grains is
/// killed with SIGKILL (the one killed the fewest times so far; in the last run a second silo as well, leaving one), and every
/// game finishes with exactly the rounds and evaluations of an undisturbed game, with no manual step. In each run one
/// game on the victim has no watcher at all when its silo dies: only its reminder can wake it. The sixth spec's games
/// diagnose themselves every 80 rounds: their diagnoses, path-angles included, are an undisturbed game's too.
/// </summary>
public class SiloDeathTests(ITestOutputHelper output)
{
    private const int Games = 6, Rounds = 400, DiagnosedSpec = 5;

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    [SlowFact]
    public async Task Killing_the_silo_of_game_grains_in_turn_leaves_every_game_as_an_undisturbed_one()
    {
        await using var cluster = await RedisCluster.StartAsync(3);
        await cluster.ExplainingFailureAsync(output, () => KillInTurnAsync(cluster));
    }

    private async Task KillInTurnAsync(RedisCluster cluster)
    {
        await using var client = await cluster.ConnectAsync();
        await RedisCluster.WaitForSilosAsync(client.Client, 3);
        using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis);
        var clock = Stopwatch.StartNew();
        var reference = await Task.WhenAll(Enumerable.Range(0, Games).Select(i => Following.PlayAsync(client.Client, Game(client, $"reference-{i}"), Spec(i), Limit)));
        Assert.All(reference, r => Assert.Equal(GameState.Finished, r.Last.State));
        output.WriteLine($"undisturbed: {Games} games of {Rounds} rounds in {clock.Elapsed.TotalSeconds:F0} s");
        var diagnoses = (await Game(client, $"reference-{DiagnosedSpec}").GetDiagnosesAsync(0)).Select(DiagnosisFigures.Of).ToList();
        Assert.Equal(Rounds / 80, diagnoses.Count);

        var killed = new List<string>();
        for (var run = 0; run < 3; run++)
        {
            // Six games, and more until a game grain sits on a silo not killed yet. Placement is Orleans' choice, and
            // since Orleans 9.2 it is resource-optimized: a silo just restarted (little memory in use) draws the new
            // game grains, so "silo-0, silo-1, silo-2 in turn" cannot be forced; the victim is the silo holding game
            // grains that was killed the fewest times so far, and the test prints which silos died in which run.
            var games = new List<(IGameGrain Game, int Spec, string Silo)>();
            for (var i = 0; games.Count < Games || (games.All(g => killed.Contains(g.Silo)) && i < 3 * Games); i++)
            {
                var game = Game(client, $"run{run}-{i}");
                await game.StartAsync(Spec(i % Games));
                games.Add((game, i % Games, (await game.GetStatusAsync(int.MaxValue, int.MaxValue)).Silo!));
            }

            var hosts = games.GroupBy(g => g.Silo).OrderBy(h => killed.Count(k => k == h.Key)).ThenByDescending(h => h.Count()).Select(h => h.Key).ToList();
            var victims = new List<int> { RedisCluster.IndexOf(hosts[0]) };
            if (run == 2)
            {
                // The last run leaves one silo: a second victim, one holding game grains too where there is one.
                victims.Add(hosts.Skip(1).Select(RedisCluster.IndexOf).DefaultIfEmpty(Enumerable.Range(0, 3).First(s => s != victims[0])).First());
            }

            var names = victims.Select(RedisCluster.Name).ToHashSet();
            killed.AddRange(names);

            // The other games are watched first (under load, starting six watches took long enough for the unwatched
            // game to finish before the kill); the unwatched game is followed up to round 100, then left alone, and
            // the victims die at once.
            var unwatched = games.First(g => g.Silo == RedisCluster.Name(victims[0]));
            var watched = games.Where(g => g != unwatched)
                .Select(g => (g.Spec, Follow: Following.FollowAsync(client.Client, g.Game, Limit))).ToList();
            var (reached, onProgress) = Progress.UntilRound(100);
            await using (GameWatch.Start(client.Client, unwatched.Game, onProgress))
            {
                await reached.WaitAsync(Limit);
            }

            foreach (var victim in victims)
            {
                await cluster.KillAsync(victim);
            }

            var killedAt = clock.Elapsed;
            var roundAtKill = await RoundsAsync(redis, unwatched.Game);
            output.WriteLine($"run {run}: killed {string.Join(" and ", names)} at round {roundAtKill} of the unwatched game; "
                + $"game grains there: {games.Count(g => names.Contains(g.Silo))} of {games.Count}");
            Assert.True(roundAtKill < Rounds, $"run {run}: the unwatched game had played all its rounds before the kill: nothing was left to wake it for");

            foreach (var (spec, follow) in watched)
            {
                var (last, rounds) = await follow;
                Assert.True(last.State == GameState.Finished, $"run {run}: {last.State} {last.Error}");
                Assert.Equal(Figures(reference[spec].Rounds), Figures(rounds));
            }

            // Nothing calls the unwatched game: its log grows again only if its reminder woke it on a live silo.
            await LogReachesAsync(redis, unwatched.Game, Rounds, Limit);
            output.WriteLine($"run {run}: the unwatched game finished {(clock.Elapsed - killedAt).TotalSeconds:F0} s after the kill, woken by its reminder");
            var (end, all) = await Following.FollowAsync(client.Client, unwatched.Game, Limit);
            Assert.True(end.State == GameState.Finished, $"run {run}: {end.State} {end.Error}");
            Assert.True(end.Recoveries >= 1, "the unwatched game should have gone on from its checkpoint");
            Assert.False(names.Contains(end.Silo!), $"the game is still on {end.Silo}");
            Assert.Equal(Figures(reference[unwatched.Spec].Rounds), Figures(all));
            Assert.Equal(reference[unwatched.Spec].Last.EvaluationsCompleted, end.EvaluationsCompleted);

            var diagnosed = games.Where(g => g.Spec == DiagnosedSpec).ToList();
            foreach (var (game, _, _) in diagnosed)
            {
                Assert.Equal(diagnoses, (await game.GetDiagnosesAsync(0)).Select(DiagnosisFigures.Of));
            }

            output.WriteLine($"run {run}: {diagnosed.Count} diagnosed games, each with the undisturbed game's {diagnoses.Count} diagnoses");

            // The directory, wherever it lives now, lists every game of the run as finished.
            var listed = await client.Client.GetGrain<IGameDirectoryGrain>(0).ListAsync();
            Assert.All(games, g => Assert.Contains(listed, e => e.GameId == g.Game.GetPrimaryKeyString() && e.State == GameState.Finished));
            if (run < 2)
            {
                await cluster.RestartAsync(victims[0]);
                await RedisCluster.WaitForSilosAsync(client.Client, 3);
            }
        }

        output.WriteLine($"silos killed over the three runs: {string.Join(", ", killed)}");
    }

    internal static List<(int, double, double, double, double, double, double)> Figures(IEnumerable<RoundRecord> rounds) =>
        rounds.Select(r => (r.Round, r.DiscriminatorLoss, r.GeneratorLoss, r.MeanRealScore, r.MeanFakeScore, r.DiscriminatorGradientNorm, r.GeneratorGradientNorm)).ToList();

    // The game's round log, read straight from Redis: looking does not wake the game.
    internal static async Task<long> RoundsAsync(ConnectionMultiplexer redis, IGameGrain game) =>
        await redis.GetDatabase().ListLengthAsync($"orleansgan:rounds:{game.GetPrimaryKeyString()}");

    // A game woken only by its reminder gives no signal to await; its log in Redis is looked at, boundedly.
    private static async Task LogReachesAsync(ConnectionMultiplexer redis, IGameGrain game, int rounds, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (await RoundsAsync(redis, game) < rounds)
        {
            Assert.True(DateTime.UtcNow < deadline, $"game {game.GetPrimaryKeyString()} was not woken: its log stayed at {await RoundsAsync(redis, game)} rounds");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static IGameGrain Game(ClusterClient client, string id) => client.Client.GetGrain<IGameGrain>($"survive-{id}");

    private static GameSpec Spec(int i) => GameSpecLoader.Load(null, new Dictionary<string, string>
    {
        ["name"] = "survive", ["seed"] = $"{30 + i}", ["rounds"] = $"{Rounds}", ["batchSize"] = "32",
        ["protocol.kind"] = new[] { "simultaneous", "alternating", "optimistic", "extragradient", "two-time-scale", "simultaneous" }[i],
        ["protocol.discriminatorSteps"] = "2", ["generator.optimizer.learningRate"] = "0.0005",
        ["generator.hidden"] = "[16,16]", ["discriminator.hidden"] = "[16,16]",
        ["evaluation.every"] = "100", ["evaluation.samples"] = "200", ["checkpoint.every"] = "50",
        ["placement.policy"] = i % 2 == 0 ? "spread" : "any",
    }.Concat(i == DiagnosedSpec ? DiagnosisFigures.Cheap(80) : new Dictionary<string, string>()).ToDictionary());
}
