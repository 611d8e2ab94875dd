using Microsoft.Extensions.DependencyInjection;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Game;
using OrleansGan.Grains.Tests.Cluster;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>
/// The game directory ends up agreeing with the games' durable records even when a report is lost: here the directory
/// refuses every report while a game plays and ends, for longer than the game's activation tries, and that activation
/// is then gone (as with its silo). The slow suite once saw the same thing happen with the directory's silo killed
/// (a finished game not listed as finished): a report made only by an activation is lost with it. The next activation
/// finds in the record that the directory never acknowledged the end, and reports it.
/// </summary>
public sealed class DirectoryOutageTests : IAsyncLifetime
{
    private readonly DirectoryOutage _outage = new();
    private CheckpointedCluster _silos = null!;

    public async Task InitializeAsync() => _silos = await CheckpointedCluster.StartAsync(1, silo =>
    {
        silo.AddIncomingGrainCallFilter(_outage);
        silo.Services.Configure<DirectoryReportOptions>(o => (o.Attempts, o.FirstDelay) = (2, TimeSpan.FromMilliseconds(20)));
    });

    public async Task DisposeAsync() => await _silos.DisposeAsync();

    [Fact]
    public async Task A_game_that_ended_while_the_directory_refused_reports_is_listed_by_its_next_activation()
    {
        var client = _silos.Cluster.Client;
        var directory = client.GetGrain<IGameDirectoryGrain>(0);
        _outage.Refusing = true;
        var (end, rounds, _) = await GameRunner.PlayAsync(client, "unlisted", Spec());
        Assert.True(end.State == GameState.Finished, $"{end.State}: {end.Error}");
        Assert.Equal(30, rounds.Count);
        Assert.True(_outage.Refused >= 4, $"the directory refused {_outage.Refused} reports: the start's and the end's, twice each");

        _outage.Refusing = false;
        Assert.DoesNotContain(await directory.ListAsync(), e => e.GameId == "unlisted");

        // The activation that played the game goes, with nothing left in it that would report again.
        await client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var again = await client.GetGrain<IGameGrain>("unlisted").GetStatusAsync(0, 0);
        Assert.Equal(GameState.Finished, again.State);
        Assert.Equal(30, again.NewRounds.Count);

        // The new activation reports off its activation's turn: the directory gives no signal, so it is asked, boundedly.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await directory.ListAsync()).Any(e => e.GameId == "unlisted" && e.State == GameState.Finished))
        {
            Assert.True(DateTime.UtcNow < deadline, "the directory never listed the game's end: "
                + string.Join(", ", (await directory.ListAsync()).Select(e => $"{e.GameId} {e.State}")));
            await Task.Delay(50);
        }
    }

    private static GameSpec Spec() => GameSpecLoader.Load(null, new Dictionary<string, string>
    {
        ["name"] = "unlisted", ["seed"] = "4", ["rounds"] = "30", ["batchSize"] = "16",
        ["generator.hidden"] = "[8]", ["discriminator.hidden"] = "[8]",
        ["evaluation.every"] = "30", ["evaluation.samples"] = "200", ["checkpoint.every"] = "10",
    });

    // The directory's silo out of reach, as far as a game's reports can tell: each one fails.
    private sealed class DirectoryOutage : IIncomingGrainCallFilter
    {
        private int _refused;

        public volatile bool Refusing;

        public int Refused => _refused;

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (Refusing && context.InterfaceMethod?.Name == nameof(IGameDirectoryGrain.NoteAsync))
            {
                Interlocked.Increment(ref _refused);
                throw new SiloUnavailableException("the game directory's silo is out of reach (test)");
            }

            return context.Invoke();
        }
    }
}
