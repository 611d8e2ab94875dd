using System.Globalization;
using OrleansGan.Client.Sweeps;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansGan.Client.Views;

/// <summary>
/// Shows a running sweep: an overall line (games done, running and failed of the total, the sweep's aggregate rounds/s)
/// and one line per running game, redrawn live on a terminal; elsewhere the overall line every few seconds and a line
/// per game as it ends. Only this view draws; the games only write to the board.
/// </summary>
internal static class SweepProgressView
{
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    /// <summary>Shows <paramref name="board"/> until <paramref name="work"/> completes.</summary>
    public static async Task ShowAsync(IAnsiConsole console, SweepBoard board, Task work)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            // Game ends are pushed by the board as they happen; the overall line comes every few seconds.
            var overall = DateTime.UtcNow;
            while (await Task.WhenAny(work, board.Changed(), Task.Delay(PlainInterval)) != work)
            {
                foreach (var line in board.TakeEnded())
                {
                    console.WriteLine(line);
                }

                if (DateTime.UtcNow - overall >= PlainInterval)
                {
                    overall = DateTime.UtcNow;
                    console.WriteLine(Overall(board));
                }
            }

            foreach (var line in board.TakeEnded())
            {
                console.WriteLine(line);
            }

            console.WriteLine(Overall(board));
            return;
        }

        await console.Live(Render(board)).AutoClear(true).StartAsync(async context =>
        {
            while (await Task.WhenAny(work, Task.Delay(Redraw)) != work)
            {
                context.UpdateTarget(Render(board));
            }
        });
        console.WriteLine(Overall(board));
    }

    /// <summary>"games 12/48 done, 4 running, 1 failed  31.2 rounds/s  2m10s".</summary>
    public static string Overall(SweepBoard board)
    {
        var running = board.Snapshot().Count;
        return string.Create(CultureInfo.InvariantCulture,
            $"games {board.Done}/{board.Total} done, {running} running, {board.Failed} failed{(board.Retried > 0 ? $" ({board.Retried} retried)" : "")}  {board.RoundsPerSecond:F1} rounds/s  {board.Elapsed:hh\\:mm\\:ss}");
    }

    private static IRenderable Render(SweepBoard board)
    {
        var rows = new List<IRenderable> { new Markup($"[bold]{Markup.Escape(Overall(board))}[/]") };
        foreach (var (index, key, attempt, latest) in board.Snapshot())
        {
            var text = latest is null
                ? "starting"
                : ProgressView.Describe(latest, null, latest.NewEvaluations.Count > 0 ? latest.NewEvaluations[^1] : null);
            rows.Add(new Text($"  {index:D4} {key}{(attempt > 1 ? " (retry)" : "")}: {text}") { Overflow = Overflow.Ellipsis });
        }

        return new Rows(rows);
    }
}
