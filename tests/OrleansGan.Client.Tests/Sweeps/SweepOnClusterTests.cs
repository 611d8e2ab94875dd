using OrleansGan.Abstractions.Grains;
using OrleansGan.Client.Sweeps;
using OrleansGan.Client.Tests.BadInput;
using OrleansGan.Client.Tests.Commands;
using OrleansGan.Core.Spec;

namespace OrleansGan.Client.Tests.Sweeps;

/// <summary>
/// <c>sweep --cluster</c> on two silos in this process: each game's players are spread over both silos, and a rerun
/// after a stopped sweep goes on with every game where it is rather than playing it again: it attaches to a game that
/// finished or is still running on the cluster (its client gone), resumes a cancelled one from its checkpoint on the
/// cluster, starts the one never started; every game ends with the rounds of the same sweep on an embedded silo.
/// </summary>
public class SweepOnClusterTests : IDisposable
{
    // 1000 rounds, so that game 0001, stopped after its first checkpoint (round 50), is still playing when Ctrl+C
    // reaches it on a fast machine (a shorter game of the same shape, in SweepGameFolderTests, finished in between).
    private const string Sweep = """
        name: spread
        spec:
          rounds: 1000
          batchSize: 32
          generator: { hidden: [16] }
          discriminator: { hidden: [16] }
          evaluation: { every: 500, samples: 200 }
          checkpoint: { every: 50 }
        axes:
          seed: 1..4
        """;

    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Games_spread_over_the_silos_and_a_rerun_attaches_resumes_or_starts_each_where_it_stands()
    {
        var file = _temp.Write("spread.yaml", Sweep);
        var embedded = _temp.Sub("embedded");
        var (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", file, "--out", embedded, "--parallel", "2");
        Assert.True(exit == 0, output + errors);

        await using var silos = await LoopbackSilos.StartAsync(2);

        // One game at a time; stopped (Ctrl+C) once the second game has a checkpoint on the cluster.
        using var watch = new CheckpointWatch(silos.Checkpoints, game => game.EndsWith("-0001", StringComparison.Ordinal));
        var folder = _temp.Sub("cluster");
        using (var cancel = new CancellationTokenSource())
        {
            var printed = new StringWriter();
            var first = CommandLine.InvokeAsync(printed, printed, cancel.Token, "sweep", "--file", file, "--out", folder, "--parallel", "1", "--cluster", silos.Cluster);
            await watch.FirstAsync();
            await cancel.CancelAsync();
            Assert.True(await first == 130, printed.ToString());
        }

        // As a client killed at the wrong moments would leave them: game 0000 finished on the cluster but its folder
        // has no summary; game 0002 was started on the cluster, and its folder never written.
        var plan = SweepPlan.Parse(await File.ReadAllTextAsync(Path.Combine(folder, SweepFolder.PlanFile)), "plan.json");
        File.Delete(Path.Combine(folder, plan.Games[0].Folder, "summary.txt"));
        Assert.False(Directory.Exists(Path.Combine(folder, plan.Games[2].Folder)));
        await silos.Grains.GetGrain<IGameGrain>(plan.Games[2].GameId).StartAsync(GameSpecLoader.FromTree(plan.Games[2].Spec));

        (exit, output, errors) = await CommandLine.InvokeAsync("sweep", "--file", file, "--out", folder, "--parallel", "4", "--cluster", silos.Cluster);
        Assert.True(exit == 0, output + errors);
        Assert.Contains("0 already done, 4 to play", output);
        string Log(int game) => File.ReadAllText(Path.Combine(folder, "logs", $"{game:D4}.txt"));
        Assert.Contains("attached (finished at round 1000)", Log(0));
        Assert.Contains("resumed after round", Log(1));
        Assert.Contains("attached (", Log(2));
        Assert.DoesNotContain("started from round 0", Log(2));
        Assert.Contains("started from round 0", Log(3));

        foreach (var game in plan.Games)
        {
            Assert.Equal(
                await File.ReadAllTextAsync(Path.Combine(embedded, game.Folder, "rounds.csv")),
                await File.ReadAllTextAsync(Path.Combine(folder, game.Folder, "rounds.csv")));
            var status = await silos.Grains.GetGrain<IGameGrain>(game.GameId).GetStatusAsync(int.MaxValue, int.MaxValue);
            Assert.Equal(["silo-0", "silo-1"], status.Players!.Select(p => p.Silo).Order());
        }
    }
}
