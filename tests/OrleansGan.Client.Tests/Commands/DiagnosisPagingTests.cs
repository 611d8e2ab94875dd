using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Client.Commands;
using OrleansGan.Client.Runs;
using OrleansGan.Client.Tests.BadInput;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Tests.Diagnostics;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>
/// run follows a game's diagnoses page by page from its diagnosis log, as many pages as the status counts, and stops
/// at an empty page (the game went back to a checkpoint meanwhile and will make those again).
/// </summary>
public sealed class DiagnosisPagingTests : IDisposable
{
    private const int Page = 64;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_page_of_diagnoses_the_status_counts_reaches_the_run_folder_once()
    {
        var game = new DiagnosedGame(counted: Page + 2, logged: Page + 2);

        var rows = await PlayAsync(game);

        Assert.Equal(Enumerable.Range(1, Page + 2).Select(i => $"{i * 10}"), rows);
        Assert.Equal([0, Page], game.Cursors);
    }

    [Fact]
    public async Task An_empty_page_ends_the_catching_up()
    {
        var game = new DiagnosedGame(counted: 5, logged: 3);

        var rows = await PlayAsync(game);

        Assert.Equal(["10", "20", "30"], rows);
        Assert.Equal([0, 3], game.Cursors.Take(2));
        Assert.All(game.Cursors.Skip(2), cursor => Assert.Equal(3, cursor));
    }

    // Plays the scripted game with run's own following; returns the rounds of diagnoses.csv's rows.
    private async Task<IEnumerable<string>> PlayAsync(DiagnosedGame game)
    {
        var spec = GameSpecLoader.Load(null, [KeyValuePair.Create("rounds", "4"), KeyValuePair.Create("evaluation.samples", "100")]);
        var output = new StringWriter();
        var errors = new StringWriter();
        Directory.CreateDirectory(_folder.Path);
        using (var folder = RunFolder.Create(_folder.Path, spec, "ring8-diagnosed"))
        {
            var exit = await RunCommand.PlayAsync(CommandLine.Consoles(output, errors), ObserverFactory.Create(), null, game, spec, folder, CancellationToken.None);
            Assert.True(exit == RunCommand.Finished, $"{output}{errors}");
        }

        return (await File.ReadAllLinesAsync(Path.Combine(_folder.Path, "diagnoses.csv"))).Skip(1).Select(r => r.Split(',')[0]);
    }

    // A finished game whose status counts `counted` diagnoses and whose log holds `logged`, served at most a page at a time.
    private sealed class DiagnosedGame(int counted, int logged) : IGameGrain
    {
        public List<int> Cursors { get; } = [];

        public override string ToString() => "ring8-diagnosed";

        public Task<GameStatus> WatchAsync(IGameObserver observer) => Task.FromResult(Status());

        public Task<GameStatus> GetStatusAsync(int roundCursor, int evaluationCursor) => Task.FromResult(Status());

        public Task<IReadOnlyList<Diagnosis>> GetDiagnosesAsync(int cursor)
        {
            Cursors.Add(cursor);
            return Task.FromResult<IReadOnlyList<Diagnosis>>(Enumerable.Range(cursor + 1, Math.Clamp(logged - cursor, 0, Page))
                .Select(i => DiagnosisFigures.Sample(ToString(), i * 10, (i - 1) * 10) with { PathAngle = null }).ToList());
        }

        public Task UnwatchAsync(IGameObserver observer) => Task.CompletedTask;

        public Task StartAsync(GameSpec spec) => Task.CompletedTask;

        public Task<int> ResumeAsync(GameSpec? expected) => Task.FromResult(0);

        public Task CancelAsync() => Task.CompletedTask;

        public Task<GameSpec?> GetSpecAsync() => Task.FromResult<GameSpec?>(null);

        public Task<ForgetResult> ForgetAsync() => throw new NotSupportedException("a scripted game is never forgotten");

        private GameStatus Status() => new(GameState.Finished, 0, 4, 1.5, [], [], null, Diagnoses: counted);
    }
}
