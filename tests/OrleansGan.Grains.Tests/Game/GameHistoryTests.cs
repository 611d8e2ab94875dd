using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Game;
using OrleansGan.Grains.Tests.Diagnostics;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>
/// A game's records without a cluster: every one in the logs, the latest in memory, pages from both; the diagnoses as
/// the rounds and evaluations, so that a new activation (a new history over the same logs) finds them all.
/// </summary>
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

    [Fact]
    public async Task Diagnoses_are_logged_once_taken_up_whole_by_a_new_activation_and_cut_back_with_the_checkpoint()
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>());
        await using (var history = await OpenAsync())
        {
            await PlayAsync(history, 1, 60);
            foreach (var round in new[] { 20, 40, 60 })
            {
                await history.DiagnosedAsync(Diagnosis(round, from: round - 20));
            }

            await history.FlushAsync();
            Assert.Equal(3, history.DiagnosesCompleted);

            // The silo died after the checkpoint of round 40, which counted two diagnoses (its own, made before it, and 20's).
        }

        await using var again = new GameHistory(new FileGameLogStore(_root), "long");
        await again.RewindAsync(new GameCheckpoint(spec, 40, 1, 0, [], []) { Diagnoses = 2 });

        Assert.Equal(2, again.DiagnosesCompleted);
        Assert.Equal(40, again.LastDiagnosis!.Round);
        var paged = await again.DiagnosesAfterAsync(0);
        Assert.Equal([Json(Diagnosis(20, 0)), Json(Diagnosis(40, 20))], paged.Select(Json));
        Assert.Empty(await again.DiagnosesAfterAsync(2));
        await again.DiagnosedAsync(Diagnosis(60, 40) with { Notes = ["again"] });
        await again.FlushAsync();
        await using var log = new FileGameLogStore(_root).Diagnoses("long");
        Assert.Equal(["again"], (await log.ReadAsync(2, 10)).Single().Notes);
    }

    [Fact]
    public async Task Diagnosis_pages_past_the_window_come_from_the_log_at_most_a_page_at_a_time()
    {
        await using var history = await OpenAsync();
        var count = GameHistory.MaxDiagnosesPerPage + GameHistory.DiagnosisWindow + 5;
        for (var i = 1; i <= count; i++)
        {
            await history.DiagnosedAsync(Diagnosis(i * 10, (i - 1) * 10));
        }

        var first = await history.DiagnosesAfterAsync(0);
        var rest = await history.DiagnosesAfterAsync(first.Count);

        Assert.Equal(GameHistory.MaxDiagnosesPerPage, first.Count);
        Assert.Equal(Enumerable.Range(1, count).Select(i => i * 10), first.Concat(rest).Select(d => d.Round));
        Assert.Equal(Json(Diagnosis(10, 0)), Json(first[0]));
    }

    [Fact]
    public async Task A_checkpoint_from_before_diagnoses_had_a_cursor_keeps_the_diagnoses_of_its_rounds()
    {
        await using var history = await OpenAsync();
        foreach (var round in new[] { 20, 40, 60 })
        {
            await history.DiagnosedAsync(Diagnosis(round, round - 20));
        }

        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>());
        await PlayAsync(history, 1, 60);
        await history.RewindAsync(new GameCheckpoint(spec, 50, 1, 0, [], []));

        Assert.Equal([20, 40], (await history.DiagnosesAfterAsync(0)).Select(d => d.Round));
    }

    [Fact]
    public async Task A_checkpoint_that_counts_more_diagnoses_than_the_log_holds_is_refused_by_name()
    {
        await using var history = await OpenAsync();
        await PlayAsync(history, 1, 40);
        await history.DiagnosedAsync(Diagnosis(20, 0));
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>());

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => history.RewindAsync(new GameCheckpoint(spec, 40, 1, 0, [], []) { Diagnoses = 2 }));

        Assert.Contains("diagnoses.log holds 1 records, but the checkpoint counts 2", error.Message);
    }

    private static Diagnosis Diagnosis(int round, int from) => DiagnosisFigures.Sample("long", round, from);

    // Every field of a diagnosis, as the log writes it (its records hold lists, which records compare by reference).
    private static string Json(Diagnosis d) => System.Text.Encoding.UTF8.GetString(RecordFormat.Write(d));

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
