using OrleansGan.Client.Commands;

namespace OrleansGan.Client.Sweeps;

/// <summary>
/// Plays a sweep's games, <c>parallel</c> at once, each by <see cref="SweepGamePlayer"/>; a game that fails is tried once
/// more (from its checkpoint where it has one). Ctrl+C stops the games after their rounds in progress, each writing what
/// it played, and starts no more.
/// </summary>
internal static class SweepScheduler
{
    private const int Attempts = 2;

    /// <summary>Each game's exit code (as <c>run</c>'s) and error, in the order given.</summary>
    public static async Task<IReadOnlyList<(SweepPlan.Game Game, int ExitCode, string? Error)>> RunAsync(
        IReadOnlyList<SweepPlan.Game> games, int parallel, SweepGamePlayer player, SweepBoard board, CancellationToken cancel)
    {
        using var slots = new SemaphoreSlim(parallel);
        var tasks = games.Select(async game =>
        {
            try
            {
                await slots.WaitAsync(cancel);
            }
            catch (OperationCanceledException)
            {
                return (game, RunCommand.Cancelled, (string?)"not started: cancelled");
            }

            try
            {
                for (var attempt = 1; ; attempt++)
                {
                    board.Started(game, attempt);
                    int exit;
                    string? error;
                    try
                    {
                        (exit, error) = await player.PlayAsync(game, status => board.Reported(game, status), cancel);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        (exit, error) = (RunCommand.Failed, e.Message.ReplaceLineEndings(" "));
                    }

                    var succeeded = exit is RunCommand.Finished or RunCommand.Diverged;
                    var retry = exit == RunCommand.Failed && attempt < Attempts && !cancel.IsCancellationRequested;
                    board.Ended(game, succeeded, final: !retry && exit != RunCommand.Cancelled, Outcome(exit, error));
                    if (!retry)
                    {
                        return (game, exit, error);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                board.Ended(game, false, final: false, "cancelled");
                return (game, RunCommand.Cancelled, "cancelled");
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        return await Task.WhenAll(tasks);
    }

    private static string Outcome(int exit, string? error) => exit switch
    {
        RunCommand.Finished => "finished",
        RunCommand.Diverged => $"diverged{(error is null ? "" : ": " + error)}",
        RunCommand.Cancelled => "cancelled",
        _ => $"failed{(error is null ? "" : ": " + error)}",
    };
}
