using OrleansGan.Client.Tests.Commands;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Placement;
using OrleansGan.Grains.Tests.Game;

namespace OrleansGan.Cluster.Tests;

/// <summary>
/// Three silo processes and a Redis server on loopback form one cluster (Redis membership); games whose players sit on
/// different silos give the same numbers as the same games on one silo.
/// </summary>
public class ThreeSiloClusterTests : IDisposable
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "orleansgan-three-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Games_split_across_silo_processes_match_the_same_games_on_one_silo()
    {
        await using var redis = await RedisServer.StartAsync();
        var ports = Enumerable.Range(0, 3).Select(_ => (Silo: FreePorts.Next(), Gateway: FreePorts.Next())).ToArray();
        var silos = new List<SiloProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await SiloProcess.StartAsync(ports[i].Silo, ports[i].Gateway, _checkpoints,
                    "--Clustering:Redis", redis.ConnectionString, "--Silo:Name", $"silo-{i}", "--Silo:Devices", "cpu:0"));
            }

            await using var client = await ClusterClient.ConnectAsync(ports.Select(p => p.Gateway).ToArray());
            await RedisCluster.WaitForSilosAsync(client.Client, 3);

            foreach (var protocol in new[] { "simultaneous", "consensus" })
            {
                var apart = await PlayAsync(client.Client, $"apart-{protocol}", Spec(protocol, "silo-1/cpu:0", "silo-2/cpu:0"));
                var together = await PlayAsync(client.Client, $"together-{protocol}", Spec(protocol, "silo-0/cpu:0", "silo-0/cpu:0"));
                Assert.Equal(["silo-1", "silo-2"], apart.Last.Players!.Select(p => p.Silo));
                Assert.Equal(["silo-0", "silo-0"], together.Last.Players!.Select(p => p.Silo));
                Assert.Equal(together.Rounds.Select(r => (r.DiscriminatorLoss, r.GeneratorLoss, r.GeneratorGradientNorm)),
                    apart.Rounds.Select(r => (r.DiscriminatorLoss, r.GeneratorLoss, r.GeneratorGradientNorm)));
            }
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Killing_a_players_silo_process_moves_the_game_to_the_survivors()
    {
        await using var redis = await RedisServer.StartAsync();
        var checkpoints = $"redis://{redis.ConnectionString}";
        var ports = Enumerable.Range(0, 3).Select(_ => (Silo: FreePorts.Next(), Gateway: FreePorts.Next())).ToArray();
        var silos = new Dictionary<string, SiloProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos[$"silo-{i}"] = await SiloProcess.StartAsync(ports[i].Silo, ports[i].Gateway, checkpoints,
                    "--Clustering:Redis", redis.ConnectionString, "--Silo:Name", $"silo-{i}", "--Silo:Devices", "cpu:0");
            }

            await using var client = await ClusterClient.ConnectAsync(ports.Select(p => p.Gateway).ToArray());
            await RedisCluster.WaitForSilosAsync(client.Client, 3);
            var spec = Spec("optimistic", "silo-0/cpu:0", "silo-0/cpu:0") with
            {
                Rounds = 400,
                Placement = new PlacementSpec(PlacementPolicy.Split, null, null),
                Checkpoint = new CheckpointSpec(25),
            };
            var undisturbed = await PlayAsync(client.Client, "failover-undisturbed", spec with { Placement = new PlacementSpec(PlacementPolicy.Colocate, null, null) });

            // The victim hosts a player but not the game grain; placement of the game grain is Orleans' choice.
            IGameGrain game = null!;
            GameStatus status = null!;
            string? victim = null;
            for (var attempt = 0; victim is null; attempt++)
            {
                Assert.True(attempt < 20, "no game had a player away from its game grain");
                game = client.Client.GetGrain<IGameGrain>($"failover-{attempt}");
                await game.StartAsync(spec);
                status = await game.GetStatusAsync(int.MaxValue, int.MaxValue);
                victim = status.Players!.Select(p => p.Silo).FirstOrDefault(s => s != status.Silo);
                if (victim is null)
                {
                    await game.CancelAsync();
                }
            }

            var (reached, onProgress) = Progress.UntilRound(60);
            var follow = Following.FollowAsync(client.Client, game, TimeSpan.FromMinutes(4), onProgress);
            Assert.Same(reached, await Task.WhenAny(reached, follow));
            await silos[victim].KillAsync();
            (status, var rounds) = await follow;

            Assert.True(status.State == GameState.Finished, $"{status.State}: {status.Error}");
            Assert.True(status.Recoveries >= 1, "the game should have recovered at least once");
            Assert.DoesNotContain(status.Players!, p => p.Silo == victim);
            Assert.Equal(undisturbed.Rounds.Select(r => (r.Round, r.DiscriminatorLoss, r.GeneratorLoss)),
                rounds.Select(r => (r.Round, r.DiscriminatorLoss, r.GeneratorLoss)));
        }
        finally
        {
            foreach (var silo in silos.Values)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static GameSpec Spec(string protocol, string generator, string discriminator) => GameSpecLoader.Load(null, new Dictionary<string, string>
    {
        ["name"] = "three", ["seed"] = "12", ["rounds"] = "80", ["batchSize"] = "32", ["protocol.kind"] = protocol,
        ["generator.hidden"] = "[16,16]", ["discriminator.hidden"] = "[16,16]", ["evaluation.every"] = "40", ["evaluation.samples"] = "200",
        ["placement.policy"] = "explicit", ["placement.generator"] = generator, ["placement.discriminator"] = discriminator,
    });

    private static async Task<(GameStatus Last, List<RoundRecord> Rounds)> PlayAsync(IClusterClient client, string id, GameSpec spec)
    {
        var (last, rounds) = await Following.PlayAsync(client, client.GetGrain<IGameGrain>(id), spec, TimeSpan.FromMinutes(3));
        Assert.True(last.State == GameState.Finished, $"{id}: {last.State} {last.Error}");
        return (last, rounds);
    }
}
