using System.Diagnostics;
using System.Globalization;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using Xunit.Abstractions;

namespace OrleansGan.Cluster.Tests.Survival;

/// <summary>
/// Slow suite (b), chaos: while eight games play on three silo processes on Redis, a random silo is killed with
/// SIGKILL every 15-30 s and started again, for five minutes; every game finishes with exactly the rounds and
/// evaluations of an undisturbed game. Prints the kills, the recoveries and the rounds lost (0).
/// </summary>
public class ChaosTests(ITestOutputHelper output)
{
    private const int Games = 8, Specs = 4;

    private static readonly TimeSpan Chaos = TimeSpan.FromMinutes(5);

    // Long enough that all eight games still play when the five minutes end (checked); ORLEANSGAN_CHAOS_ROUNDS overrides.
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("ORLEANSGAN_CHAOS_ROUNDS"), CultureInfo.InvariantCulture, out var rounds) ? rounds : 20_000;

    [SlowFact]
    public async Task Eight_games_outlive_five_minutes_of_silos_killed_and_restarted()
    {
        await using var cluster = await RedisCluster.StartAsync(3);
        await using var client = await cluster.ConnectAsync();
        await RedisCluster.WaitForSilosAsync(client.Client, 3);
        var clock = Stopwatch.StartNew();

        // Two chaos games per spec, each compared with one undisturbed game of that spec.
        var reference = await Task.WhenAll(Enumerable.Range(0, Specs).Select(i =>
            Following.PlayAsync(client.Client, client.Client.GetGrain<IGameGrain>($"chaos-reference-{i}"), Spec(i), TimeSpan.FromMinutes(20))));
        Assert.All(reference, r => Assert.Equal(GameState.Finished, r.Last.State));
        output.WriteLine($"undisturbed: {Specs} games of {Rounds} rounds in {clock.Elapsed.TotalSeconds:F0} s");

        var games = Enumerable.Range(0, Games).Select(i => client.Client.GetGrain<IGameGrain>($"chaos-{i}")).ToList();
        foreach (var (game, i) in games.Select((g, i) => (g, i)))
        {
            await game.StartAsync(Spec(i % Specs));
        }

        var follows = games.Select(g => Following.FollowAsync(client.Client, g, TimeSpan.FromMinutes(30))).ToList();
        var allOver = Task.WhenAll(follows);
        var random = new Random(13);
        var kills = 0;
        var chaos = Stopwatch.StartNew();
        while (chaos.Elapsed < Chaos && !allOver.IsCompleted)
        {
            await Task.WhenAny(allOver, Task.Delay(TimeSpan.FromSeconds(15 + random.Next(16))));
            if (allOver.IsCompleted)
            {
                break;
            }

            var victim = random.Next(3);
            await cluster.KillAsync(victim);
            kills++;
            output.WriteLine($"{chaos.Elapsed.TotalSeconds,5:F0} s: killed {RedisCluster.Name(victim)}");
            await cluster.RestartAsync(victim);
            await RedisCluster.WaitForSilosAsync(client.Client, 3);
        }

        var chaosLasted = chaos.Elapsed;
        var stillPlaying = follows.Count(f => !f.IsCompleted);
        var ends = await allOver;
        var recoveries = ends.Sum(e => e.Last.Recoveries);
        var lost = ends.Select((e, i) => LostRounds(reference[i % Specs].Rounds, e.Rounds)).Sum();
        output.WriteLine($"chaos: {kills} kills in {chaosLasted.TotalSeconds:F0} s, {stillPlaying} of {Games} games still playing at its end; "
            + $"{recoveries} recoveries; {lost} rounds lost or changed; all over after {chaos.Elapsed.TotalSeconds:F0} s");

        Assert.True(stillPlaying == Games && chaosLasted >= Chaos,
            $"the games did not play through the five minutes of chaos ({stillPlaying} playing after {chaosLasted.TotalSeconds:F0} s): make them longer (ORLEANSGAN_CHAOS_ROUNDS)");
        Assert.All(ends, e => Assert.True(e.Last.State == GameState.Finished, $"{e.Last.State}: {e.Last.Error}"));
        Assert.Equal(0, lost);
        Assert.True(recoveries >= 1, "killing silos under eight games should have made some recover");
        for (var i = 0; i < Games; i++)
        {
            Assert.Equal(SiloDeathTests.Figures(reference[i % Specs].Rounds), SiloDeathTests.Figures(ends[i].Rounds));
            Assert.Equal(reference[i % Specs].Last.EvaluationsCompleted, ends[i].Last.EvaluationsCompleted);
        }
    }

    // Rounds of the undisturbed game that the disturbed one lacks or played differently, and rounds it played twice.
    private static int LostRounds(List<RoundRecord> undisturbed, List<RoundRecord> disturbed) =>
        undisturbed.Count(r => r.Round > disturbed.Count || disturbed[r.Round - 1] != r) + Math.Max(0, disturbed.Count - undisturbed.Count);

    private static GameSpec Spec(int i) => GameSpecLoader.Load(null, new Dictionary<string, string>
    {
        ["name"] = "chaos", ["seed"] = $"{50 + i}", ["rounds"] = $"{Rounds}", ["batchSize"] = "32",
        ["protocol.kind"] = new[] { "simultaneous", "alternating", "optimistic", "extragradient" }[i],
        ["generator.hidden"] = "[16,16]", ["discriminator.hidden"] = "[16,16]",
        ["evaluation.every"] = $"{Math.Max(1, Rounds / 10)}", ["evaluation.samples"] = "200", ["checkpoint.every"] = "200",
        ["placement.policy"] = i % 2 == 0 ? "spread" : "split",
    });
}
