using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OrleansGan.Live;

/// <summary>Maps the live pages, read-only (GET only): <c>/games</c>, <c>/games/{id}</c>, its events and its pictures.</summary>
public static class LiveEndpoints
{
    /// <summary>
    /// Serves the pages of the games the cluster's directory knows, on the web host of a silo; with
    /// <paramref name="onlyOnPort"/>, only to connections made to that local port (the host's other ports, such as
    /// its metrics port, answer 404), whatever Host header a request names.
    /// </summary>
    public static IEndpointConventionBuilder MapOrleansGanLivePages(this IEndpointRouteBuilder endpoints, int? onlyOnPort = null)
    {
        var games = endpoints.MapGroup("/games");
        if (onlyOnPort is { } port)
        {
            games.AddEndpointFilter((context, next) => context.HttpContext.Connection.LocalPort == port
                ? next(context)
                : ValueTask.FromResult<object?>(Results.NotFound()));
        }

        games.MapGet("", GamesPage.ServeAsync);
        games.MapGet("/{id}", GamePage.ServeAsync);
        games.MapGet("/{id}/events", GameEvents.StreamAsync);
        games.MapGet("/{id}/curves.png", GamePicturesEndpoint.CurvesAsync);
        games.MapGet("/{id}/samples.png", GamePicturesEndpoint.SamplesAsync);
        games.MapGet("/{id}/field.png", GamePicturesEndpoint.FieldAsync);
        games.MapGet("/{id}/digits.png", GamePicturesEndpoint.DigitsAsync);
        return games;
    }
}
