using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Client.Tests.Commands;
using OrleansGan.Cluster.Tests.Sweeps;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Tests.Diagnostics;

namespace OrleansGan.Cluster.Tests.Commands;

/// <summary>
/// <c>status</c> as a user runs it against a silo process: a finished, diagnosed game's state, rounds, latest
/// diagnosis (read from the game's diagnosis log, the same as the grain answers) and where each player sat; an id the
/// cluster does not know is refused with exit code 2 and names <c>list</c>.
/// </summary>
public sealed class StatusCommandTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "orleansgan-status-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    [SlowFact]
    public async Task Status_shows_a_diagnosed_games_progress_latest_diagnosis_and_players()
    {
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        await using var silo = await SiloProcess.StartAsync(siloPort, gatewayPort, _checkpoints, "--Silo:Name", "silo-0", "--Silo:Devices", "cpu:0");
        await using var client = await ClusterClient.ConnectAsync(gatewayPort);
        var game = client.Client.GetGrain<IGameGrain>("status-probe");
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "status-probe", ["rounds"] = "300", ["batchSize"] = "32", ["generator.hidden"] = "[16]", ["discriminator.hidden"] = "[16]",
            ["evaluation.every"] = "100", ["evaluation.samples"] = "200", ["checkpoint.every"] = "100",
        }.Concat(DiagnosisFigures.Cheap(100)).ToDictionary());
        var (last, _) = await Following.PlayAsync(client.Client, game, spec, Limit);
        Assert.True(last.State == GameState.Finished, $"{last.State}: {last.Error}");
        var diagnoses = await game.GetDiagnosesAsync(0);
        Assert.Equal([100, 200, 300], diagnoses.Select(d => d.Round));

        var cluster = $"127.0.0.1:{gatewayPort}";
        var (exit, output) = await ClientProcess.RunAsync(_checkpoints, Limit, "status", "status-probe", "--cluster", cluster);
        Assert.True(exit == 0, output);
        var lines = output.Split('\n');
        Assert.Contains("game: status-probe", lines);
        Assert.Contains("state: finished", lines);
        Assert.Contains("rounds: 300/300", lines);
        Assert.Contains($"diagnoses: 3, the latest after round 300: {diagnoses[^1].Verdict.Classification}", lines);
        Assert.True(lines.Any(l => l.StartsWith("generator: silo silo-0 (", StringComparison.Ordinal) && l.EndsWith("), device cpu", StringComparison.Ordinal)), output);
        Assert.True(lines.Any(l => l.StartsWith("discriminator: silo silo-0 (", StringComparison.Ordinal) && l.EndsWith("), device cpu", StringComparison.Ordinal)), output);

        var (unknown, why) = await ClientProcess.RunAsync(_checkpoints, Limit, "status", "no-such-game", "--cluster", cluster);
        Assert.Equal(2, unknown);
        Assert.Contains($"error: game-id: the cluster at {cluster} has no game 'no-such-game' ('orleans-gan list --cluster {cluster}' shows its games)", why);
    }
}
