using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;

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
        int siloPort = SiloProcess.FreePort(), gatewayPort = SiloProcess.FreePort();

        List<RoundRecord> uninterrupted;
        await using (var silo = await SiloProcess.StartAsync(siloPort, gatewayPort, _checkpoints))
        {
            await using (var client = await ClusterClient.ConnectAsync(gatewayPort))
            {
                uninterrupted = await PlayToEndAsync(client.Client.GetGrain<IGameGrain>("uninterrupted"), spec, start: true);

                var game = client.Client.GetGrain<IGameGrain>("killed");
                await game.StartAsync(spec);
                await WaitForRoundAsync(game, 180);
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
            var resumed = await PlayToEndAsync(game, spec, start: false);
            Assert.Equal(uninterrupted.Count, resumed.Count);
            Assert.Equal(uninterrupted, resumed, RoundComparer.Instance);
        }
    }

    private static async Task<int> WaitForRoundAsync(IGameGrain game, int round)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var status = await game.GetStatusAsync(int.MaxValue, int.MaxValue);
            if (status.RoundsCompleted >= round)
            {
                return status.RoundsCompleted;
            }

            Assert.False(status.IsOver, $"the game ended ({status.State}) before round {round}");
            Assert.True(DateTime.UtcNow < deadline, "the game did not reach the round in time");
            await Task.Delay(5);
        }
    }

    private static async Task<List<RoundRecord>> PlayToEndAsync(IGameGrain game, GameSpec spec, bool start)
    {
        if (start)
        {
            await game.StartAsync(spec);
        }

        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var status = await game.GetStatusAsync(0, int.MaxValue);
            if (status.IsOver)
            {
                Assert.Equal(GameState.Finished, status.State);
                return status.NewRounds.ToList();
            }

            Assert.True(DateTime.UtcNow < deadline, "the game did not finish in time");
            await Task.Delay(50);
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
