using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using OrleansGan.Abstractions.Grains;

namespace OrleansGan.Live;

/// <summary><c>GET /games</c>: every game the cluster's directory knows, with its state and rounds from the game's own record.</summary>
internal static class GamesPage
{
    public static async Task<IResult> ServeAsync(IGrainFactory grains)
    {
        var rows = new StringBuilder();
        foreach (var entry in await grains.GetGrain<IGameDirectoryGrain>(0).ListAsync())
        {
            // The game's durable record is the truth about its state; the directory knows which games exist.
            var status = await grains.GetGrain<IGameGrain>(entry.GameId).GetStatusAsync(int.MaxValue, int.MaxValue);
            var id = WebUtility.HtmlEncode(entry.GameId);
            rows.Append(CultureInfo.InvariantCulture,
                $"<tr><td><a href=\"/games/{Uri.EscapeDataString(entry.GameId)}\">{id}</a></td><td>{status.State.ToString().ToLowerInvariant()}</td>" +
                $"<td class=\"n\">{status.RoundsCompleted}/{status.TotalRounds}</td><td>{WebUtility.HtmlEncode(status.Silo ?? "-")}</td></tr>\n");
        }

        var body = rows.Length == 0 ? "<p>No games yet.</p>" : $"<table><tr><th>game</th><th>state</th><th>rounds</th><th>game silo</th></tr>\n{rows}</table>";
        return Results.Content(LiveHtml.Page("OrleansGan games", $"<h1>Games</h1>\n{body}"), "text/html; charset=utf-8");
    }
}
