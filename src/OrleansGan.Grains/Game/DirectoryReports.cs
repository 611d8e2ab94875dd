using Microsoft.Extensions.Logging;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;

namespace OrleansGan.Grains.Game;

/// <summary>
/// Tells the cluster's game directory how one game stands. A game plays on whether or not it could report; a report
/// that fails (the directory's silo just died, and membership has not yet moved it) is tried again as
/// <see cref="DirectoryReportOptions"/> say, until the directory comes back on a live silo. Whether it got through is
/// the caller's to record: the game's durable record keeps the last state the directory acknowledged, so that a report
/// lost with the activation that made it is made again by the next one.
/// </summary>
public sealed class DirectoryReports(IGrainFactory grains, string gameId, DirectoryReportOptions options, ILogger logger)
{
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

    /// <summary>Records the game's state, trying again after 1, 2, 4, ... s; false (and logged) when no attempt got through.</summary>
    public async Task<bool> ReportAsync(GameState state)
    {
        var delay = options.FirstDelay;
        for (var attempt = 1; attempt <= options.Attempts; attempt++)
        {
            if (await TryReportAsync(state))
            {
                return true;
            }

            if (attempt < options.Attempts)
            {
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(options.MaxDelay.Ticks, 2 * delay.Ticks));
            }
        }

        logger.LogWarning("Game {Game} could not report {State} to the game directory; its reminder will try again", gameId, state);
        return false;
    }
}
