using OrleansGan.Abstractions.Game;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>
/// Signals in a game's pushed progress, for the in-process tests and (linked into it) the process tests of
/// OrleansGan.Cluster.Tests.
/// </summary>
internal static class Progress
{
    /// <summary>A task that completes once <paramref name="round"/> rounds were delivered, and the handler that watches for it.</summary>
    public static (Task Reached, Func<GameStatus, Task> OnProgress) UntilRound(int round)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (reached.Task, progress =>
        {
            if (progress.NewRounds.Count > 0 && progress.NewRounds[^1].Round >= round)
            {
                reached.TrySetResult();
            }

            return Task.CompletedTask;
        });
    }
}
