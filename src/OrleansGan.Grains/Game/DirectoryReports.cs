using Microsoft.Extensions.Logging;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;

namespace OrleansGan.Grains.Game;

/// <summary>Tells the cluster's game directory how one game stands, best effort: a game plays on whether or not it could report.</summary>
public sealed class DirectoryReports(IGrainFactory grains, string gameId, ILogger logger)
{
    /// <summary>Records the game's state in the directory; a failure is logged, not raised.</summary>
    public async Task ReportAsync(GameState state)
    {
        try
        {
            await grains.GetGrain<IGameDirectoryGrain>(0).NoteAsync(gameId, state);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Game {Game} could not report its state to the game directory", gameId);
        }
    }
}
