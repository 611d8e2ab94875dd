using Microsoft.AspNetCore.Http;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;

namespace OrleansGan.Live;

/// <summary>Finds the game a page asks for: a valid id the cluster's game directory knows, through its game grain.</summary>
internal static class LiveGames
{
    /// <summary>The game's grain, or the answer to send instead (400 for an id that cannot be a game's, 404 for one the directory does not know).</summary>
    public static async Task<(IGameGrain? Game, IResult? Refusal)> FindAsync(IGrainFactory grains, string id)
    {
        try
        {
            GameIds.Check(id, "game id");
        }
        catch (ArgumentException e)
        {
            return (null, Results.Text(e.Message + "\n", "text/plain", statusCode: StatusCodes.Status400BadRequest));
        }

        // The directory, not the grain: asking an unknown id's grain would activate an empty game for nothing.
        var known = await grains.GetGrain<IGameDirectoryGrain>(0).ListAsync();
        return known.Any(g => g.GameId == id)
            ? (grains.GetGrain<IGameGrain>(id), null)
            : (null, Results.Text($"no game '{id}' in this cluster's game directory\n", "text/plain", statusCode: StatusCodes.Status404NotFound));
    }
}
