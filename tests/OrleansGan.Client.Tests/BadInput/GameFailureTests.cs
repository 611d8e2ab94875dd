using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Abstractions.Watching;
using OrleansGan.Client.Commands;
using OrleansGan.Client.Runs;
using OrleansGan.Client.Tests.Commands;
using OrleansGan.Core.Spec;

namespace OrleansGan.Client.Tests.BadInput;

/// <summary>
/// A game that fails after it started, or whose grain the client loses (a cluster gone, a call that throws), leaves
/// a run folder that says so in summary.txt, keeps the rows it had, and exits 4 with one line.
/// </summary>
public sealed class GameFailureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_game_that_fails_leaves_a_summary_that_says_so()
    {
        var (exit, output, _, summary, rows) = await PlayAsync(new ScriptedGame(failWith: null, endState: GameState.Failed, error: "a move failed: out of memory"));
        Assert.Equal(RunCommand.Failed, exit);
        Assert.StartsWith("state: failed: a move failed: out of memory", summary, StringComparison.Ordinal);
        Assert.Contains("state: failed: a move failed: out of memory", output);
        Assert.Equal(4, rows);
    }

    [Fact]
    public async Task A_game_the_client_loses_leaves_a_summary_that_says_so_and_keeps_its_rows()
    {
        var (exit, output, errors, summary, rows) = await PlayAsync(new ScriptedGame(failWith: new TimeoutException("the gateway at 10.0.0.7:30000 did not answer"), endState: GameState.Running, error: null));
        Assert.Equal(RunCommand.Failed, exit);
        Assert.StartsWith("state: failed: the client lost the game: could not reach game ring8-scripted", summary, StringComparison.Ordinal);
        Assert.Contains("TimeoutException: the gateway at 10.0.0.7:30000 did not answer", summary);
        Assert.DoesNotContain("   at ", output + errors);
        Assert.Equal(2, rows);
    }

    private async Task<(int Exit, string Output, string Errors, string Summary, int Rows)> PlayAsync(ScriptedGame game)
    {
        var spec = GameSpecLoader.Load(null, [KeyValuePair.Create("rounds", "4"), KeyValuePair.Create("evaluation.samples", "100")]);
        Directory.CreateDirectory(_folder.Path);
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit;
        using (var folder = RunFolder.Create(_folder.Path, spec, "ring8-scripted"))
        {
            // The watch renews every 0.2 s and gives up on the game after 2 s of failed calls instead of three minutes.
            exit = await RunCommand.PlayAsync(CommandLine.Consoles(output, errors), ObserverFactory.Create(), null, game, spec, folder, CancellationToken.None,
                new WatchOptions { Patience = TimeSpan.FromSeconds(2), Retry = TimeSpan.FromMilliseconds(100), Renewal = TimeSpan.FromMilliseconds(200) });
        }

        return (exit, output.ToString(), errors.ToString(), await File.ReadAllTextAsync(Path.Combine(_folder.Path, RunFolder.SummaryFile)), RunFolder.RecordedRounds(_folder.Path));
    }

    // A game grain that reports two rounds per status; then either ends in a state or throws.
    private sealed class ScriptedGame(Exception? failWith, GameState endState, string? error) : IGameGrain
    {
        private int _calls;

        public override string ToString() => "ring8-scripted";

        // It pushes nothing: the watch pages its records, and a renewed watch hears the end once they were paged.
        public Task<GameStatus> WatchAsync(IGameObserver observer)
        {
            var state = _calls >= 2 ? endState : GameState.Running;
            return Task.FromResult(new GameStatus(state, 4, 4, 1.5, [], [], state == GameState.Failed ? error : null));
        }

        public Task UnwatchAsync(IGameObserver observer) => Task.CompletedTask;

        public Task StartAsync(GameSpec spec) => Task.CompletedTask;

        public Task<int> ResumeAsync(GameSpec? expected) => Task.FromResult(0);

        public Task CancelAsync() => Task.CompletedTask;

        public Task<Abstractions.Spec.GameSpec?> GetSpecAsync() => Task.FromResult<Abstractions.Spec.GameSpec?>(null);

        public Task<ForgetResult> ForgetAsync() => throw new NotSupportedException("a scripted game is never forgotten");

        public Task<IReadOnlyList<Abstractions.Diagnostics.Diagnosis>> GetDiagnosesAsync(int cursor) =>
            Task.FromResult<IReadOnlyList<Abstractions.Diagnostics.Diagnosis>>([]);

        public Task<GameStatus> GetStatusAsync(int roundCursor, int evaluationCursor)
        {
            _calls++;
            if (_calls > 1 && failWith is not null)
            {
                throw failWith;
            }

            var rounds = _calls <= 2 ? Enumerable.Range(roundCursor + 1, 2).Select(r => new RoundRecord(r, 0.7, 0.6, 0.5, 0.4, 1, 1)).ToList() : [];
            var state = _calls >= 3 ? endState : GameState.Running;
            return Task.FromResult(new GameStatus(state, roundCursor + rounds.Count, 4, 1.5, rounds, [], state == GameState.Failed ? error : null));
        }
    }
}
