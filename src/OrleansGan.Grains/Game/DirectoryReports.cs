using Microsoft.Extensions.Logging;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;

namespace OrleansGan.Grains.Game;

/// <summary>
/// Tells the cluster's game directory how one game stands. A game plays on whether or not it could report; a report
/// that fails (the directory's silo just died, and membership has not yet moved it) is tried again for about a minute,
/// until the directory comes back on a live silo.
/// </summary>
public sealed class DirectoryReports(IGrainFactory grains, string gameId, ILogger logger)
{
    /// <summary>Attempts at one report.</summary>
    public const int MaxAttempts = 7;

    /// <summary>Records the game's state in the directory in one attempt; false when it failed.</summary>
    public async Task<bool> TryReportAsync(GameState state)
    {
        try
        {
            await grains.GetGrain<IGameDirectoryGrain>(0).NoteAsync(gameId, state);
            return true;
        }
        catch (Exception e)
        {
            logger.LogInformation("Game {Game} could not report {State} to the game directory yet: {Error}", gameId, state, e.Message);
            return false;
        }
    }

    /// <summary>Records the game's state, trying again after 1, 2, 4, ... s; a report that never got through is logged.</summary>
    public async Task ReportAsync(GameState state)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await TryReportAsync(state))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 1 << (attempt - 1))));
        }

        logger.LogWarning("Game {Game} could not report {State} to the game directory", gameId, state);
    }
}
