using OrleansGan.Client.Tests.Commands;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Tests.Game;

namespace OrleansGan.Cluster.Tests;

/// <summary>
/// A silo process killed with SIGKILL mid-game, restarted on the same checkpoint folder and resumed, produces exactly
/// the rounds an uninterrupted run of the same seed produces.
/// </summary>
public class KillAndResumeTests : IDisposable
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "orleansgan-kill-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_killed_silo_resumes_the_game_exactly()
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "killed", ["seed"] = "21", ["rounds"] = "600", ["batchSize"] = "64", ["protocol.kind"] = "optimistic",
            ["generator.hidden"] = "[32,32]", ["discriminator.hidden"] = "[32,32]",
            ["evaluation.every"] = "100", ["evaluation.samples"] = "500", ["checkpoint.every"] = "50",
        });
        int siloPort = FreePorts.Next(), gatewayPort = FreePorts.Next();

        List<RoundRecord> uninterrupted;
        await using (var silo = await SiloProcess.StartAsync(siloPort, gatewayPort, _checkpoints))
        {
            await using (var client = await ClusterClient.ConnectAsync(gatewayPort))
            {
                var (first, rounds) = await Following.PlayAsync(client.Client, client.Client.GetGrain<IGameGrain>("uninterrupted"), spec, TimeSpan.FromMinutes(5));
                Assert.Equal(GameState.Finished, first.State);
                uninterrupted = rounds;

                var game = client.Client.GetGrain<IGameGrain>("killed");
                await game.StartAsync(spec);
                var (reached, onProgress) = Progress.UntilRound(180);
                var follow = Following.FollowAsync(client.Client, game, TimeSpan.FromMinutes(3), onProgress);
                Assert.Same(reached, await Task.WhenAny(reached, follow));
                await silo.KillAsync();
            }
        }

        await using (var silo = await SiloProcess.StartAsync(siloPort, gatewayPort, _checkpoints))
        await using (var client = await ClusterClient.ConnectAsync(gatewayPort))
        {
            var game = client.Client.GetGrain<IGameGrain>("killed");
            var resumedAfter = await game.ResumeAsync(spec);
            // The last checkpoint before the kill: at least the one of round 150, and not the end.
            Assert.InRange(resumedAfter, 150, spec.Rounds - 1);
            Assert.Equal(0, resumedAfter % 50);
            var (last, resumed) = await Following.FollowAsync(client.Client, game, TimeSpan.FromMinutes(5));
            Assert.Equal(GameState.Finished, last.State);
            Assert.Equal(uninterrupted.Count, resumed.Count);
            Assert.Equal(uninterrupted, resumed, RoundComparer.Instance);
        }
    }

    private sealed class RoundComparer : IEqualityComparer<RoundRecord>
    {
        public static readonly RoundComparer Instance = new();

        public bool Equals(RoundRecord? x, RoundRecord? y) => x is not null && y is not null
            && (x.Round, x.DiscriminatorLoss, x.GeneratorLoss, x.MeanRealScore, x.MeanFakeScore, x.DiscriminatorGradientNorm, x.GeneratorGradientNorm)
            == (y.Round, y.DiscriminatorLoss, y.GeneratorLoss, y.MeanRealScore, y.MeanFakeScore, y.DiscriminatorGradientNorm, y.GeneratorGradientNorm);

        public int GetHashCode(RoundRecord obj) => obj.Round;
    }
}
