using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;

namespace OrleansGan.Live;

/// <summary>
/// <c>GET /games</c>: every game the cluster's directory knows, with its state and rounds from the game's own record.
/// The list is asked of the directory and every game at most once per <see cref="Freshness"/>, all games at once, so a
/// page reloaded by many viewers (or a refresh loop) does not wake every game of the cluster at each request.
/// </summary>
internal static class GamesPage
{
    /// <summary>How long one answer of the directory and the games serves every request.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    private static readonly SemaphoreSlim Asking = new(1, 1);
    private static (DateTime At, IGrainFactory Grains, IReadOnlyList<(string Id, GameStatus Status)> Games)? _last;

    public static async Task<IResult> ServeAsync(IGrainFactory grains)
    {
        var rows = new StringBuilder();
        foreach (var (gameId, status) in await ListAsync(grains))
        {
            var id = WebUtility.HtmlEncode(gameId);
            rows.Append(CultureInfo.InvariantCulture,
                $"<tr><td><a href=\"/games/{Uri.EscapeDataString(gameId)}\">{id}</a></td><td>{status.State.ToString().ToLowerInvariant()}</td>" +
                $"<td class=\"n\">{status.RoundsCompleted}/{status.TotalRounds}</td><td>{WebUtility.HtmlEncode(status.Silo ?? "-")}</td></tr>\n");
        }

        var body = rows.Length == 0 ? "<p>No games yet.</p>" : $"<table><tr><th>game</th><th>state</th><th>rounds</th><th>game silo</th></tr>\n{rows}</table>";
        return Results.Content(LiveHtml.Page("OrleansGan games", $"<h1>Games</h1>\n{body}"), "text/html; charset=utf-8");
    }

    // The games and their statuses (without records), as the cluster answered within the last Freshness.
    private static async Task<IReadOnlyList<(string Id, GameStatus Status)>> ListAsync(IGrainFactory grains)
    {
        await Asking.WaitAsync();
        try
        {
            if (_last is { } last && last.Grains == grains && DateTime.UtcNow - last.At < Freshness)
            {
                return last.Games;
            }

            // The game's durable record is the truth about its state; the directory knows which games exist.
            var entries = await grains.GetGrain<IGameDirectoryGrain>(0).ListAsync();
            var statuses = await Task.WhenAll(entries.Select(e => grains.GetGrain<IGameGrain>(e.GameId).GetStatusAsync(int.MaxValue, int.MaxValue)));
            var games = entries.Select((e, i) => (e.GameId, statuses[i])).ToList();
            _last = (DateTime.UtcNow, grains, games);
            return games;
        }
        finally
        {
            Asking.Release();
        }
    }
}
