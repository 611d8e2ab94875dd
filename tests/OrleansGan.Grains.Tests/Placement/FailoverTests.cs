using Orleans.TestingHost;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Tests.Cluster;
using OrleansGan.Grains.Tests.Diagnostics;
using OrleansGan.Grains.Tests.Game;

namespace OrleansGan.Grains.Tests.Placement;

/// <summary>
/// Killing the silo that hosts a player makes the game re-seat it on a survivor and continue from its last checkpoint
/// with no manual step, producing the rounds (and in-game diagnoses) an undisturbed game produces. (Explicit placement does not fail over: a
/// game told to use a silo that died fails, naming it.)
/// </summary>
public sealed class FailoverTests : IAsyncLifetime
{
    private CheckpointedCluster _silos = null!;

    private InProcessTestCluster Cluster => _silos.Cluster;

    public async Task InitializeAsync() => _silos = await CheckpointedCluster.StartAsync(3);

    public async Task DisposeAsync() => await _silos.DisposeAsync();

    private static GameSpec Spec(string policy, bool diagnosed = false) => GameSpecLoader.Load(null, new Dictionary<string, string>
    {
        ["name"] = "failover", ["seed"] = "8", ["rounds"] = "300", ["batchSize"] = "32", ["protocol.kind"] = "optimistic",
        ["generator.hidden"] = "[16,16]", ["discriminator.hidden"] = "[16,16]",
        ["evaluation.every"] = "100", ["evaluation.samples"] = "200", ["checkpoint.every"] = "25",
        ["placement.policy"] = policy,
    }.Concat(diagnosed ? DiagnosisFigures.Cheap(100) : new Dictionary<string, string>()).ToDictionary());

    [Fact]
    public async Task A_game_survives_the_death_of_its_own_silo_with_its_diagnoses_and_their_path_angles()
    {
        var (_, undisturbed, undisturbedEvaluations) = await GameRunner.PlayAsync(Cluster.Client, "own-undisturbed", Spec("colocate", diagnosed: true));
        var undisturbedDiagnoses = await Cluster.Client.GetGrain<IGameGrain>("own-undisturbed").GetDiagnosesAsync(0);
        Assert.Equal([(100, 0), (200, 100), (300, 200)], undisturbedDiagnoses.Select(d => (d.Round, d.PathAngle!.StartRound)));

        // The victim hosts the game grain (and perhaps a player) but not membership (the primary, Silo_0). It dies
        // after the diagnosis of round 100 and the checkpoint of round 125 that counts it, so the new activation has
        // only the diagnosis log to start round 200's path-angle from.
        var (game, victim) = await StartAwayFromPrimaryAsync("own-killed", Spec("split", diagnosed: true));
        var (played, onProgress) = Progress.UntilRound(130);
        var follow = GameRunner.FollowAsync(Cluster.Client, game, TimeSpan.FromMinutes(4), onProgress);
        Assert.Same(played, await Task.WhenAny(played, follow));
        await Cluster.KillSiloAsync(Cluster.Silos.Single(s => s.Name == victim));

        // Nothing is done by hand: the watch's next renewal finds the game on a live silo, which went on by itself.
        var (status, rounds, evaluations) = await follow;
        Assert.True(status.State == GameState.Finished, $"{status.State}: {status.Error}");
        Assert.NotEqual(victim, status.Silo);
        Assert.True(status.Recoveries >= 1);
        Assert.DoesNotContain(status.Players!, p => p.Silo == victim);
        Assert.Equal(undisturbed.Select(r => (r.Round, r.DiscriminatorLoss, r.GeneratorLoss)), rounds.Select(r => (r.Round, r.DiscriminatorLoss, r.GeneratorLoss)));
        Assert.Equal(undisturbedEvaluations.Select(e => (e.Round, e.ModesCovered, e.HighQualityFraction)), evaluations.Select(e => (e.Round, e.ModesCovered, e.HighQualityFraction)));
        var paged = await game.GetStatusAsync(0, 0);
        Assert.Equal(undisturbed.Select(r => (r.Round, r.DiscriminatorLoss, r.GeneratorLoss)), paged.NewRounds.Select(r => (r.Round, r.DiscriminatorLoss, r.GeneratorLoss)));
        Assert.Contains((await Cluster.Client.GetGrain<IGameDirectoryGrain>(0).ListAsync()), e => e.GameId == game.GetPrimaryKeyString() && e.State == GameState.Finished);

        // The diagnoses, every field but the times taken, are the undisturbed game's.
        Assert.Equal(3, status.Diagnoses);
        var diagnoses = await game.GetDiagnosesAsync(0);
        Assert.Equal([(100, 0), (200, 100), (300, 200)], diagnoses.Select(d => (d.Round, d.PathAngle!.StartRound)));
        Assert.Equal(undisturbedDiagnoses.Select(DiagnosisFigures.Of), diagnoses.Select(DiagnosisFigures.Of));

        // An ended game's next activation pages them from the log.
        await Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(undisturbedDiagnoses.Select(DiagnosisFigures.Of), (await game.GetDiagnosesAsync(0)).Select(DiagnosisFigures.Of));
        Assert.Equal([DiagnosisFigures.Of(undisturbedDiagnoses[2])], (await game.GetDiagnosesAsync(2)).Select(DiagnosisFigures.Of));
    }

    [Fact]
    public async Task A_game_survives_the_death_of_a_players_silo()
    {
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

        // Kill the victim once the game's watch has delivered 60 rounds.
        var (played, onProgress) = Progress.UntilRound(60);
        var follow = GameRunner.FollowAsync(Cluster.Client, game, TimeSpan.FromMinutes(4), onProgress);
        Assert.Same(played, await Task.WhenAny(played, follow));
        await Cluster.KillSiloAsync(Cluster.Silos.Single(s => s.Name == victim));

        (status, var rounds, _) = await follow;
        Assert.True(status.State == GameState.Finished, $"{status.State}: {status.Error}");
        Assert.True(status.Recoveries >= 1);
        Assert.DoesNotContain(status.Players!, p => p.Silo == victim);
        Assert.Equal(undisturbed.Select(r => (r.Round, r.DiscriminatorLoss, r.GeneratorLoss)), rounds.Select(r => (r.Round, r.DiscriminatorLoss, r.GeneratorLoss)));
        var paged = (await game.GetStatusAsync(0, 0)).NewRounds;
        Assert.Equal(undisturbed.Select(r => (r.Round, r.DiscriminatorLoss, r.GeneratorLoss)), paged.Select(r => (r.Round, r.DiscriminatorLoss, r.GeneratorLoss)));
    }

    // Placement of the game grain is Orleans' choice: start games until one lands away from the primary silo.
    private async Task<(IGameGrain Game, string Silo)> StartAwayFromPrimaryAsync(string prefix, GameSpec spec)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var game = Cluster.Client.GetGrain<IGameGrain>($"{prefix}-{attempt}");
            await game.StartAsync(spec);
            var started = await game.GetStatusAsync(int.MaxValue, int.MaxValue);
            if (started.Silo != "Silo_0")
            {
                return (game, started.Silo!);
            }

            await game.CancelAsync();
        }

        throw new InvalidOperationException("no game grain was placed away from the primary silo");
    }
}
