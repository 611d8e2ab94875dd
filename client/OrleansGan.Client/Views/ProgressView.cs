using System.Globalization;
using OrleansGan.Abstractions.Game;
using Spectre.Console;

namespace OrleansGan.Client.Views;

/// <summary>
/// Shows a running game: a live progress bar on a terminal, plain lines (at most one every few seconds) elsewhere,
/// since Spectre's live displays are neither thread-safe nor meaningful in a log file.
/// </summary>
internal sealed class ProgressView
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private readonly IAnsiConsole _console;
    private DateTime _lastPlain = DateTime.MinValue;
    private int _lastPlainDone = -1;

    public ProgressView(IAnsiConsole console)
    {
        _console = console;
    }

    /// <summary>
    /// Runs <paramref name="follow"/> (which follows the game to its end), showing what it reports: rounds done and a
    /// line of text, each time the game pushes progress.
    /// </summary>
    public async Task ShowAsync(int totalRounds, Func<Action<int, string>, Task> follow)
    {
        if (!_console.Profile.Capabilities.Interactive)
        {
            await follow((done, text) => Plain(done, totalRounds, text));
            return;
        }

        await _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: totalRounds);
                try
                {
                    await follow((done, text) =>
                    {
                        task.Value = done;
                        task.Description = Markup.Escape(text);
                    });
                }
                finally
                {
                    task.StopTask();
                }
            });
    }

    /// <summary>One line of progress: rounds, rounds/s, latest losses and coverage.</summary>
    public static string Describe(GameStatus status, RoundRecord? latest, EvaluationRecord? evaluation)
    {
        var rate = status.ElapsedSeconds > 0 ? status.RoundsCompleted / status.ElapsedSeconds : 0;
        var text = string.Create(CultureInfo.InvariantCulture, $"round {status.RoundsCompleted}/{status.TotalRounds}  {rate:F0} rounds/s");
        if (latest is not null)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"  J_D {latest.DiscriminatorLoss:F3}  J_G {latest.GeneratorLoss:F3}");
        }

        if (evaluation is not null)
        {
            text += $"  modes {evaluation.ModesCovered}/{evaluation.ModeCount}";
        }

        return text;
    }

    private void Plain(int done, int total, string text)
    {
        var due = DateTime.UtcNow - _lastPlain >= PlainInterval || done >= total;
        if (!due || done == _lastPlainDone)
        {
            return;
        }

        _lastPlain = DateTime.UtcNow;
        _lastPlainDone = done;
        _console.WriteLine(text);
    }
}
