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
/// SIGKILL every 15-30 s (kill to kill) and started again, for five minutes or until the first game ends, whichever
/// comes first; every game finishes with exactly the rounds of an undisturbed game of its spec. Prints the kills, their
/// spacing, the recoveries and the rounds lost (0).
/// <para>
/// Games play at rates up to 5x apart (protocol, placement, the machine's other load), so each gets its own length: 40 s
/// of the same eight games, undisturbed, measure the rounds/s each plays after a 10 s warm-up, and each is made long
/// enough for twice the five minutes at its own rate (ORLEANSGAN_CHAOS_ROUNDS fixes one length for all instead).
/// A game that still ends early only shortens the chaos: what the test demands is that games survive the kills, and
/// that enough kills (<see cref="MinKills"/>) hit while every game was in flight.
/// </para>
/// </summary>
public class ChaosTests(ITestOutputHelper output)
{
    private const int Games = 8, Specs = 4, EvaluationEvery = 500;

    // Kill to kill, 15-30 s are drawn; a restart that takes longer (a silo process starting on two loaded cores) delays
    // the next kill until the silo has said it is ready, so that at most one silo is down at a time. Under load average
    // 24-52 restarts took up to 48 s (medians 18 and 32 s) and 10-11 kills fitted the five minutes; an earlier version,
    // which drew the wait after the restart, saw kills ~85 s apart: five kills still fit such a machine.
    private const int MinKills = 5;

    // Games played up to 1.6 times faster during the chaos than the calibration measured just before (the machine's
    // other load changes by the minute): with 1.3 the first game ended after 248 of the 300 s.
    private const double Stretch = 2.0;

    private static readonly TimeSpan Chaos = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10), Calibration = TimeSpan.FromSeconds(40);

    [SlowFact]
    public async Task Eight_games_outlive_five_minutes_of_silos_killed_and_restarted()
    {
        await using var cluster = await RedisCluster.StartAsync(3);
        await cluster.ExplainingFailureAsync(output, () => ChaosAsync(cluster));
    }

    private async Task ChaosAsync(RedisCluster cluster)
    {
        await using var client = await cluster.ConnectAsync();
        await RedisCluster.WaitForSilosAsync(client.Client, 3);
        var lengths = await LengthsAsync(client);
        output.WriteLine($"rounds per game: {string.Join(", ", lengths)}");

        var games = Enumerable.Range(0, Games).Select(i => client.Client.GetGrain<IGameGrain>($"chaos-{i}")).ToList();
        foreach (var (game, i) in games.Select((g, i) => (g, i)))
        {
            await game.StartAsync(Spec(i % Specs, lengths[i]));
        }

        var follows = games.Select(g => Following.FollowAsync(client.Client, g, TimeSpan.FromMinutes(30))).ToList();
        var firstEnd = Task.WhenAny(follows);
        var random = new Random(13);
        var kills = new List<TimeSpan>();
        var restarts = new List<TimeSpan>();
        var chaos = Stopwatch.StartNew();
        var nextKill = Interval(random);
        while (nextKill < Chaos)
        {
            var wait = nextKill - chaos.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.WhenAny(firstEnd, Task.Delay(wait));
            }

            if (firstEnd.IsCompleted)
            {
                break;
            }

            var victim = random.Next(3);
            var killedAt = chaos.Elapsed;
            await cluster.KillAsync(victim);
            kills.Add(killedAt);
            // Started again at once: the cluster sorts out the dead one's entry meanwhile, as it would in production.
            await cluster.RestartAsync(victim);
            restarts.Add(chaos.Elapsed - killedAt);
            output.WriteLine($"{killedAt.TotalSeconds,5:F0} s: killed {RedisCluster.Name(victim)}, ready again after {restarts[^1].TotalSeconds:F0} s");
            nextKill = killedAt + Interval(random);
        }

        var chaosLasted = chaos.Elapsed;
        var stillPlaying = follows.Count(f => !f.IsCompleted);
        var ends = await Task.WhenAll(follows);
        var allOver = chaos.Elapsed;

        // Two chaos games per spec, each compared with one undisturbed game of that spec as long as the longer of the
        // two: a round's record does not depend on the game's length.
        var clock = Stopwatch.StartNew();
        var referenceLengths = Enumerable.Range(0, Specs).Select(s => Enumerable.Range(0, Games).Where(i => i % Specs == s).Max(i => lengths[i])).ToList();
        var reference = await Task.WhenAll(Enumerable.Range(0, Specs).Select(s =>
            Following.PlayAsync(client.Client, client.Client.GetGrain<IGameGrain>($"chaos-reference-{s}"), Spec(s, referenceLengths[s]), TimeSpan.FromMinutes(30))));
        Assert.All(reference, r => Assert.True(r.Last.State == GameState.Finished, $"{r.Last.State}: {r.Last.Error}"));
        output.WriteLine($"undisturbed: {Specs} games of {string.Join(", ", referenceLengths)} rounds in {clock.Elapsed.TotalSeconds:F0} s");

        var recoveries = ends.Sum(e => e.Last.Recoveries);
        var lost = ends.Select((e, i) => LostRounds(reference[i % Specs].Rounds.Take(lengths[i]).ToList(), e.Rounds)).Sum();
        var spacing = kills.Zip(kills.Skip(1), (a, b) => (b - a).TotalSeconds).Order().ToList();
        output.WriteLine($"chaos: {kills.Count} kills in {chaosLasted.TotalSeconds:F0} s, every game in flight at each "
            + $"(it ended {(stillPlaying == Games ? "after five minutes" : $"with the first game's end; {stillPlaying} of {Games} still playing")}); "
            + $"kill to kill {Figure(spacing, 0)}/{Figure(spacing, 0.5)}/{Figure(spacing, 1)} s (min/median/max), "
            + $"restarts {Figure(restarts.Select(r => r.TotalSeconds).Order().ToList(), 0.5)} s median; "
            + $"{recoveries} recoveries; {lost} rounds lost or changed; all over after {allOver.TotalSeconds:F0} s; "
            + $"load average {LoadAverage()}");

        Assert.All(ends, e => Assert.True(e.Last.State == GameState.Finished, $"{e.Last.State}: {e.Last.Error}"));
        Assert.Equal(0, lost);
        for (var i = 0; i < Games; i++)
        {
            Assert.Equal(SiloDeathTests.Figures(reference[i % Specs].Rounds.Take(lengths[i])), SiloDeathTests.Figures(ends[i].Rounds));
            Assert.Equal(Evaluations(lengths[i]), ends[i].Last.EvaluationsCompleted);
        }

        Assert.All(reference.Select((r, s) => (r, s)), x => Assert.Equal(Evaluations(referenceLengths[x.s]), x.r.Last.EvaluationsCompleted));
        Assert.True(kills.Count >= MinKills,
            $"only {kills.Count} kills hit while every game was in flight (chaos lasted {chaosLasted.TotalSeconds:F0} s): the games were too short (ORLEANSGAN_CHAOS_ROUNDS) or restarts too slow");
        Assert.True(recoveries >= 1, "killing silos under eight games should have made some recover");
    }

    // A game is evaluated before its first round and every EvaluationEvery rounds, its length a multiple of that.
    private static int Evaluations(int rounds) => 1 + rounds / EvaluationEvery;

    private static TimeSpan Interval(Random random) => TimeSpan.FromSeconds(15 + random.Next(16));

    private static string Figure(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? "-" : sorted[(int)Math.Round(quantile * (sorted.Count - 1))].ToString("F0", CultureInfo.InvariantCulture);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    // Rounds of the undisturbed game that the disturbed one lacks or played differently, and rounds it played twice.
    private static int LostRounds(List<RoundRecord> undisturbed, List<RoundRecord> disturbed) =>
        undisturbed.Count(r => r.Round > disturbed.Count || disturbed[r.Round - 1] != r) + Math.Max(0, disturbed.Count - undisturbed.Count);

    // Rounds for each game: Stretch times the chaos's five minutes at the rounds/s that game gets undisturbed on this
    // machine now, in whole evaluation intervals, so that each game's evaluations are known.
    private async Task<int[]> LengthsAsync(ClusterClient client)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("ORLEANSGAN_CHAOS_ROUNDS"), CultureInfo.InvariantCulture, out var fixedRounds))
        {
            return Enumerable.Repeat(Math.Max(1, fixedRounds / EvaluationEvery) * EvaluationEvery, Games).ToArray();
        }

        var games = Enumerable.Range(0, Games).Select(i => client.Client.GetGrain<IGameGrain>($"chaos-calibration-{i}")).ToList();
        foreach (var (game, i) in games.Select((g, i) => (g, i)))
        {
            await game.StartAsync(Spec(i % Specs, 1_000_000));
        }

        // A measurement over fixed windows, not a wait for a condition. The first seconds (first activations, JIT,
        // libtorch's thread pools) are left out: counted, they made games seem up to twice slower than they play.
        var clock = Stopwatch.StartNew();
        await Task.Delay(WarmUp);
        var warm = await Task.WhenAll(games.Select(g => g.GetStatusAsync(int.MaxValue, int.MaxValue)));
        var measured = clock.Elapsed;
        await Task.Delay(Calibration - WarmUp);
        var lengths = new int[Games];
        var rates = new double[Games];
        for (var i = 0; i < Games; i++)
        {
            var played = (await games[i].GetStatusAsync(int.MaxValue, int.MaxValue)).RoundsCompleted - warm[i].RoundsCompleted;
            rates[i] = played / (clock.Elapsed - measured).TotalSeconds;
        }

        // A game measured far slower than the others is sized as if it played at half their median: the split
        // extragradient game measured 7.5 rounds/s beside a median of 41 (2026-12-02 CI) and then played its 4,500
        // rounds at ~44 during the chaos, ending it after 103 s with only 4 kills. A game that is really that slow
        // only lengthens the test.
        var floor = rates.Order().ElementAt(Games / 2) / 2;
        for (var i = 0; i < Games; i++)
        {
            lengths[i] = Math.Max(2, (int)Math.Ceiling(Stretch * Math.Max(rates[i], floor) * Chaos.TotalSeconds / EvaluationEvery)) * EvaluationEvery;
        }

        foreach (var game in games)
        {
            await game.CancelAsync();
            await Following.FollowAsync(client.Client, game, TimeSpan.FromMinutes(2));
        }

        output.WriteLine($"calibration: {Games} undisturbed games played {string.Join(", ", rates.Select(r => r.ToString("F1", CultureInfo.InvariantCulture)))} rounds/s after {WarmUp.TotalSeconds:F0} s of warm-up");
        return lengths;
    }

    // Evaluations and checkpoints at fixed rounds, so that a game's records do not depend on its length.
    private static GameSpec Spec(int i, int rounds) => GameSpecLoader.Load(null, new Dictionary<string, string>
    {
        ["name"] = "chaos", ["seed"] = $"{50 + i}", ["rounds"] = $"{rounds}", ["batchSize"] = "32",
        ["protocol.kind"] = new[] { "simultaneous", "alternating", "optimistic", "extragradient" }[i],
        ["generator.hidden"] = "[16,16]", ["discriminator.hidden"] = "[16,16]",
        ["evaluation.every"] = $"{EvaluationEvery}", ["evaluation.samples"] = "200", ["checkpoint.every"] = "100",
        ["placement.policy"] = i % 2 == 0 ? "spread" : "split",
    });
}
