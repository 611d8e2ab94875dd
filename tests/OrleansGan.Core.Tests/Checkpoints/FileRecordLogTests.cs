using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Checkpoints;

namespace OrleansGan.Core.Tests.Checkpoints;

/// <summary>The file record log: written once, paged by number, cut back on a rewind, and a torn tail is dropped.</summary>
public sealed class FileRecordLogTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orleansgan-log-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Pages_come_back_exactly_as_written_across_index_strides_and_after_reopening()
    {
        var path = PathOf("rounds.log");
        await using (var log = new FileRecordLog<RoundRecord>(path))
        {
            await log.AppendAsync(1, Rounds(1, 600));
            await log.AppendAsync(601, Rounds(601, 1000));
            Assert.Equal(Rounds(250, 270), await log.ReadAsync(249, 21));
        }

        await using var reopened = new FileRecordLog<RoundRecord>(path);
        Assert.Equal(1000, await reopened.CountAsync());
        Assert.Equal(Rounds(1, 1000), await reopened.ReadAsync(0, 5000));
        Assert.Equal(Rounds(512, 513), await reopened.ReadAsync(511, 2));
        Assert.Equal(Rounds(991, 1000), await reopened.ReadAsync(990, 100));
        Assert.Empty(await reopened.ReadAsync(1000, 10));
    }

    [Fact]
    public async Task A_record_is_written_once_and_a_gap_is_refused()
    {
        await using var log = new FileRecordLog<RoundRecord>(PathOf("once.log"));
        await log.AppendAsync(1, Rounds(1, 10));
        await log.AppendAsync(5, [Round(500), Round(600), Round(700), Round(800), Round(900), Round(10_000), Round(11)]);

        Assert.Equal(11, await log.CountAsync());
        Assert.Equal([.. Rounds(1, 10), Round(11)], await log.ReadAsync(0, 100));
        var gap = await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendAsync(13, [Round(13)]));
        Assert.Contains("gap after record 11", gap.Message);
    }

    [Fact]
    public async Task A_rewind_cuts_the_log_back_and_the_replay_is_written_after_it()
    {
        var path = PathOf("rewind.log");
        await using (var log = new FileRecordLog<RoundRecord>(path))
        {
            await log.AppendAsync(1, Rounds(1, 700));
            await log.TruncateAsync(300);
            Assert.Equal(300, await log.CountAsync());
            await log.AppendAsync(301, [Round(3001), Round(3002)]);
        }

        await using var reopened = new FileRecordLog<RoundRecord>(path);
        Assert.Equal([.. Rounds(1, 300), Round(3001), Round(3002)], await reopened.ReadAsync(0, 1000));
    }

    [Fact]
    public async Task A_torn_tail_ends_the_log_at_the_last_intact_record_and_the_next_write_continues_there()
    {
        var path = PathOf("torn.log");
        await using (var log = new FileRecordLog<RoundRecord>(path))
        {
            await log.AppendAsync(1, Rounds(1, 20));
        }

        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..^7]);
        await using (var torn = new FileRecordLog<RoundRecord>(path))
        {
            Assert.Equal(19, await torn.CountAsync());
            await torn.AppendAsync(20, [Round(20), Round(21)]);
        }

        await using var whole = new FileRecordLog<RoundRecord>(path);
        Assert.Equal(Rounds(1, 21), await whole.ReadAsync(0, 100));
    }

    [Fact]
    public async Task Image_figures_and_the_sample_grid_survive_the_evaluation_log()
    {
        double[] shares = [0.5, 0.25, 0.25, 0, 0, 0, 0, 0, 0, 0];
        var grid = Enumerable.Range(0, EvaluationRecord.GridSamples * 784).Select(i => (byte)(i % 251)).ToArray();
        var image = new EvaluationRecord(10, 3, 10, 0.4, 0.6, 0.5, new TensorBytes([], [0, 784]), shares, 0.7, 123.5, grid, 0.83);
        var mixture = new EvaluationRecord(0, 1, 8, 0.1, 0.5, double.NegativeInfinity, new TensorBytes([0, 0, 128, 63], [1, 1]));
        await using var log = new FileRecordLog<EvaluationRecord>(PathOf("evaluations.log"));
        await log.AppendAsync(1, [mixture, image]);

        var read = await log.ReadAsync(0, 2);

        var (m, i) = (read[0], read[1]);
        Assert.Null(m.ClassShares);
        Assert.Null(m.FrechetDistance);
        Assert.Null(m.SampleGrid);
        Assert.Equal(double.NegativeInfinity, m.MeanFakeScore);
        Assert.Equal(mixture.Samples.Data, m.Samples.Data);
        Assert.Equal(shares, i.ClassShares);
        Assert.Equal(0.7, i.MeanConfidence);
        Assert.Equal(123.5, i.FrechetDistance);
        Assert.Equal(grid, i.SampleGrid);
        Assert.Equal(0.83, i.ClassAccuracy);
    }

    private static RoundRecord Round(int n) => new(n, n * 0.5, -n / 3.0, 0.5, 0.25, Math.Sqrt(n), 1.0 / n);

    private static List<RoundRecord> Rounds(int from, int to) => Enumerable.Range(from, to - from + 1).Select(Round).ToList();

    private string PathOf(string name) => Path.Combine(_folder, name);
}
