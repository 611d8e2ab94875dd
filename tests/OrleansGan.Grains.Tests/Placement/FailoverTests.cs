using Orleans.TestingHost;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Tests.Cluster;
using OrleansGan.Grains.Tests.Game;

namespace OrleansGan.Grains.Tests.Placement;

/// <summary>
/// Killing the silo that hosts a player makes the game re-seat it on a survivor and continue from its last checkpoint
/// with no manual step, producing the rounds an undisturbed game produces. (Explicit placement does not fail over: a
/// game told to use a silo that died fails, naming it.)
/// </summary>
public sealed class FailoverTests : IAsyncLifetime
{
    private CheckpointedCluster _silos = null!;

    private InProcessTestCluster Cluster => _silos.Cluster;

    public async Task InitializeAsync() => _silos = await CheckpointedCluster.StartAsync(3);

    public async Task DisposeAsync() => await _silos.DisposeAsync();

    [Fact]
    public async Task A_game_survives_the_death_of_a_players_silo()
    {
        static GameSpec Spec(string policy) => GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "failover", ["seed"] = "8", ["rounds"] = "300", ["batchSize"] = "32", ["protocol.kind"] = "optimistic",
            ["generator.hidden"] = "[16,16]", ["discriminator.hidden"] = "[16,16]",
            ["evaluation.every"] = "100", ["evaluation.samples"] = "200", ["checkpoint.every"] = "25",
            ["placement.policy"] = policy,
        });

        var (_, undisturbed, _) = await GameRunner.PlayAsync(Cluster.Client, "failover-undisturbed", Spec("colocate"));

        // The victim hosts a player but neither the game grain nor membership (the primary, Silo_0). Placement of the
        // game grain is Orleans' choice, so seat games until one has such a silo.
        IGameGrain game = null!;
        GameStatus status = null!;
        string? victim = null;
        for (var attempt = 0; victim is null; attempt++)
        {
            Assert.True(attempt < 20, "no game had a player on a silo other than its own and the primary");
            game = Cluster.Client.GetGrain<IGameGrain>($"failover-killed-{attempt}");
            await game.StartAsync(Spec("split"));
            status = await game.GetStatusAsync(int.MaxValue, int.MaxValue);
            victim = status.Players!.Select(p => p.Silo).FirstOrDefault(s => s != status.Silo && s != "Silo_0");
            if (victim is null)
            {
                await game.CancelAsync();
            }
        }

        while ((status = await game.GetStatusAsync(int.MaxValue, int.MaxValue)).RoundsCompleted < 60)
        {
            Assert.False(status.IsOver, $"the game ended early: {status.State} {status.Error}");
            await Task.Delay(5);
        }

        await Cluster.KillSiloAsync(Cluster.Silos.Single(s => s.Name == victim));

        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (!(status = await game.GetStatusAsync(0, 0)).IsOver)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the game did not finish after losing {victim}: round {status.RoundsCompleted}");
            await Task.Delay(100);
        }

        Assert.True(status.State == GameState.Finished, $"{status.State}: {status.Error}");
        Assert.True(status.Recoveries >= 1);
        Assert.DoesNotContain(status.Players!, p => p.Silo == victim);
        Assert.Equal(undisturbed.Select(r => (r.Round, r.DiscriminatorLoss, r.GeneratorLoss)), status.NewRounds.Select(r => (r.Round, r.DiscriminatorLoss, r.GeneratorLoss)));
    }
}
