using OrleansGan.Abstractions.Game;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Game;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>A game's records without a cluster: every one in the logs, the latest in memory, pages from both.</summary>
public sealed class GameHistoryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "orleansgan-history-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Pages_older_than_the_window_come_from_the_log_and_join_the_window_seamlessly()
    {
        await using var history = await OpenAsync();
        await PlayAsync(history, 1, 5_000);

        var (all, _) = await history.AfterAsync(0, 0);
        Assert.Equal(Enumerable.Range(1, 5_000), all.Select(r => r.Round));
        Assert.Equal(Rounds(1, 5_000), all);
        var (recent, _) = await history.AfterAsync(4_990, 0);
        Assert.Equal(Rounds(4_991, 5_000), recent);
        var (straddling, _) = await history.AfterAsync(5_000 - GameHistory.RoundWindow - 10, 0);
        Assert.Equal(Rounds(5_000 - GameHistory.RoundWindow - 9, 5_000), straddling);
        Assert.Empty((await history.AfterAsync(5_000, 0)).Rounds);
        Assert.Equal(5_000, history.RoundsCompleted);
    }

    [Fact]
    public async Task Going_back_to_a_checkpoint_cuts_the_logs_there_and_the_replayed_rounds_follow()
    {
        await using var history = await OpenAsync();
        await PlayAsync(history, 1, 700);
        await history.EvaluatedAsync(Evaluation(0));
        await history.EvaluatedAsync(Evaluation(500));
        await history.FlushAsync();
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>());

        await history.RewindAsync(new GameCheckpoint(spec, 500, 1, 2, [], []));
        await history.PlayedAsync(Round(501) with { GeneratorLoss = 42 });

        var (rounds, evaluations) = await history.AfterAsync(0, 0);
        Assert.Equal([.. Rounds(1, 500), Round(501) with { GeneratorLoss = 42 }], rounds);
        Assert.Equal([0, 500], evaluations.Select(e => e.Round));
        await using var log = new FileGameLogStore(_root).Rounds("long");
        await history.FlushAsync();
        Assert.Equal(501, await log.CountAsync());
    }

    [Fact]
    public async Task A_checkpoint_that_counts_more_rounds_than_the_log_holds_is_refused_by_name()
    {
        await using var history = await OpenAsync();
        await PlayAsync(history, 1, 10);
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>());

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => history.RewindAsync(new GameCheckpoint(spec, 50, 1, 0, [], [])));

        Assert.Contains("rounds.log holds 10 records, but the checkpoint counts 50", error.Message);
    }

    private static RoundRecord Round(int n) => new(n, n * 0.5, -n / 3.0, 0.5, 0.25, Math.Sqrt(n), 1.0 / n);

    private static List<RoundRecord> Rounds(int from, int to) => Enumerable.Range(from, to - from + 1).Select(Round).ToList();

    private static EvaluationRecord Evaluation(int round) => new(round, 1, 8, 0.5, 0.5, 0.5, new([], [0, 2]));

    private static async Task PlayAsync(GameHistory history, int from, int to)
    {
        foreach (var round in Rounds(from, to))
        {
            await history.PlayedAsync(round);
        }
    }

    private async Task<GameHistory> OpenAsync()
    {
        var history = new GameHistory(new FileGameLogStore(_root), "long");
        await history.BeginAsync();
        return history;
    }
}
