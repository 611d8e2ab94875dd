using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace OrleansGan.Live;

/// <summary>Maps the live pages, read-only (GET only): <c>/games</c>, <c>/games/{id}</c>, its events and its pictures.</summary>
public static class LiveEndpoints
{
    /// <summary>Serves the pages of the games the cluster's directory knows, on the web host of a silo.</summary>
    public static IEndpointConventionBuilder MapOrleansGanLivePages(this IEndpointRouteBuilder endpoints)
    {
        var games = endpoints.MapGroup("/games");
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
