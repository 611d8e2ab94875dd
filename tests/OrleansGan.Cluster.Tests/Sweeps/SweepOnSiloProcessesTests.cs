using System.Diagnostics;
using System.Text.Json;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Watching;
using Xunit.Abstractions;

namespace OrleansGan.Cluster.Tests.Sweeps;

/// <summary>
/// Slow suite: a 12-game sweep (orleans-gan sweep as its own process) on three silo processes on Redis gives results
/// identical to the same games played one at a time on an embedded silo, although the silo seating most players of the
/// first four games is killed (SIGKILL) half-way through them and then the sweep's client too; rerunning the command attaches to the games that went on without
/// it and plays only what is left.
/// </summary>
public class SweepOnSiloProcessesTests(ITestOutputHelper output) : IDisposable
{
    private const string Sweep = """
        name: twelve
        spec:
          rounds: 300
          batchSize: 32
          generator: { hidden: [16, 16], optimizer: { learningRate: 0.0005 } }
          discriminator: { hidden: [16, 16] }
          evaluation: { every: 100, samples: 200 }
          checkpoint: { every: 50 }
        axes:
          protocol: [simultaneous, alternating, optimistic]
          seed: 1..4
        """;

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansgan-sweep-silos-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [SlowFact]
    public async Task A_sweep_on_three_silos_with_a_silo_and_its_client_killed_matches_the_games_played_one_at_a_time()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "twelve.yaml");
        await File.WriteAllTextAsync(file, Sweep);
        var clock = Stopwatch.StartNew();
        var (exit, said) = await ClientProcess.RunAsync(_folder, Limit, "sweep", "--file", file, "--out", "alone", "--parallel", "1");
        Assert.True(exit == 0, said);
        output.WriteLine($"one at a time on an embedded silo: {clock.Elapsed.TotalSeconds:F0} s");

        await using var cluster = await RedisCluster.StartAsync(3);
        await cluster.ExplainingFailureAsync(output, () => SweepAsync(cluster, file, clock));
    }

    private async Task SweepAsync(RedisCluster cluster, string file, Stopwatch clock)
    {
        await using var client = await cluster.ConnectAsync();
        await RedisCluster.WaitForSilosAsync(client.Client, 3);
        string[] onCluster = ["sweep", "--file", file, "--out", "cluster", "--parallel", "4", "--cluster", $"redis://{cluster.Redis}",
            "--connect-timeout", "120"];
        clock.Restart();
        List<string> hit;
        await using (var first = ClientProcess.Start(_folder, onCluster))
        {
            // Half-way through the first four games (round 150 of 300 of the first), the silo that seats most of their
            // players dies; once seven games have finished, the sweep's client dies too, leaving its games to play on.
            await first.Printed("folder:").WaitAsync(Limit);
            var ids = GameIds(Path.Combine(_folder, "cluster", "plan.json"));
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (GameWatch.Start(client.Client, client.Client.GetGrain<IGameGrain>(ids[0]), progress =>
            {
                if (progress.NewRounds.Count > 0 && progress.NewRounds[^1].Round >= 150)
                {
                    reached.TrySetResult();
                }

                return Task.CompletedTask;
            }))
            {
                await reached.Task.WaitAsync(Limit);
            }

            var running = new List<(string Id, GameStatus Status)>();
            foreach (var id in ids.Take(4))
            {
                var status = await client.Client.GetGrain<IGameGrain>(id).GetStatusAsync(int.MaxValue, int.MaxValue);
                if (status is { State: GameState.Running, Players: not null })
                {
                    running.Add((id, status));
                }
            }

            var victim = running.SelectMany(r => r.Status.Players!.Select(p => p.Silo)).GroupBy(s => s).OrderByDescending(g => g.Count()).First().Key;
            hit = running.Where(r => r.Status.Players!.Any(p => p.Silo == victim)).Select(r => r.Id).ToList();
            await cluster.KillAsync(RedisCluster.IndexOf(victim));
            output.WriteLine($"{victim} killed at {clock.Elapsed.TotalSeconds:F0} s, seating players of {hit.Count} running games: "
                + string.Join("; ", running.Select(r => $"{r.Id} at round {r.Status.RoundsCompleted} on {string.Join(",", r.Status.Players!.Select(p => p.Silo))}")));
            Assert.NotEmpty(hit);
            await first.Printed(": finished", 7).WaitAsync(Limit);
            await first.KillAsync();
            output.WriteLine($"client killed at {clock.Elapsed.TotalSeconds:F0} s:\n{first.Output}");
        }

        var (exit, said) = await ClientProcess.RunAsync(_folder, Limit, onCluster);
        Assert.True(exit == 0, said);
        output.WriteLine($"rerun done at {clock.Elapsed.TotalSeconds:F0} s:\n{said}");
        var games = Directory.GetDirectories(Path.Combine(_folder, "alone", "games")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(12, games.Count);
        var logs = Enumerable.Range(0, 12).Select(i => File.ReadAllText(Path.Combine(_folder, "cluster", "logs", $"{i:D4}.txt"))).ToList();

        // The games the killed client left running went on without it: the rerun attached to them (running, or finished
        // by the time it looked) and started none of them again.
        Assert.True(logs.Any(l => l.Contains("attached (", StringComparison.Ordinal)), string.Join("\n---\n", logs));
        Assert.All(logs, l => Assert.True(l.Split("started from round 0").Length <= 2, $"a game was started twice:\n{l}"));

        var recoveries = 0;
        foreach (var game in games)
        {
            Assert.Equal(
                await File.ReadAllTextAsync(Path.Combine(_folder, "alone", "games", game!, "rounds.csv")),
                await File.ReadAllTextAsync(Path.Combine(_folder, "cluster", "games", game!, "rounds.csv")));
            Assert.Equal(
                await File.ReadAllTextAsync(Path.Combine(_folder, "alone", "games", game!, "evaluations.csv")),
                await File.ReadAllTextAsync(Path.Combine(_folder, "cluster", "games", game!, "evaluations.csv")));
            var id = (await File.ReadAllTextAsync(Path.Combine(_folder, "cluster", "games", game!, "game-id.txt"))).Trim();
            recoveries += hit.Contains(id) ? (await client.Client.GetGrain<IGameGrain>(id).GetStatusAsync(int.MaxValue, int.MaxValue)).Recoveries : 0;
        }

        // The games whose players the dead silo seated went on from their checkpoints on the survivors.
        output.WriteLine($"recoveries of the {hit.Count} games hit: {recoveries}");
        Assert.True(recoveries >= 1, "no game hit by the silo's death recovered from it");
        Assert.Equal(Figures(Path.Combine(_folder, "alone", "results.csv")), Figures(Path.Combine(_folder, "cluster", "results.csv")));
    }

    // The sweep's game ids, in order, from its plan.json.
    private static List<string> GameIds(string plan)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(plan));
        return json.RootElement.GetProperty("games").EnumerateArray().Select(g => g.GetProperty("gameId").GetString()!).ToList();
    }

    // results.csv less what two sweeps of the same games do not share: the game ids and the measured speed.
    private static List<string> Figures(string csv)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        var kept = Enumerable.Range(0, header.Length).Where(i => header[i] is not ("game_id" or "rounds_per_second")).ToList();
        return lines.Select(l => string.Join(',', kept.Select(i => l.Split(',')[i]))).ToList();
    }
}
