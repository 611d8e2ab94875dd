using OrleansGan.Client.Tests.Commands;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Core.Spec;

namespace OrleansGan.Cluster.Tests;

/// <summary>A client that goes away mid-game loses nothing: the game plays on in its grain and a new client finds it whole.</summary>
public class ClientDisconnectTests : IDisposable
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "orleansgan-disconnect-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_game_outlives_the_client_that_started_it()
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "orphan", ["rounds"] = "400", ["batchSize"] = "32", ["generator.hidden"] = "[16]", ["discriminator.hidden"] = "[16]",
            ["evaluation.every"] = "100", ["evaluation.samples"] = "200",
        });
        int siloPort = FreePorts.Next(), gatewayPort = FreePorts.Next();
        await using var silo = await SiloProcess.StartAsync(siloPort, gatewayPort, _checkpoints);
        await using (var first = await ClusterClient.ConnectAsync(gatewayPort))
        {
            var game = first.Client.GetGrain<IGameGrain>("orphan");
            await game.StartAsync(spec);
            Assert.Equal(GameState.Running, (await game.GetStatusAsync(int.MaxValue, int.MaxValue)).State);
        }

        await using var second = await ClusterClient.ConnectAsync(gatewayPort);
        var again = second.Client.GetGrain<IGameGrain>("orphan");
        var (end, rounds) = await Following.FollowAsync(second.Client, again, TimeSpan.FromMinutes(3));
        var status = await again.GetStatusAsync(0, 0);

        Assert.Equal(GameState.Finished, end.State);
        Assert.Equal(Enumerable.Range(1, 400), rounds.Select(r => r.Round));
        Assert.Equal(Enumerable.Range(1, 400), status.NewRounds.Select(r => r.Round));
        Assert.Equal([0, 100, 200, 300, 400], status.NewEvaluations.Select(e => e.Round));
    }
}
