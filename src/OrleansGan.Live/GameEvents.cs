using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Watching;

namespace OrleansGan.Live;

/// <summary>
/// <c>GET /games/{id}/events</c>: the game's progress as server-sent events, pushed by a <see cref="GameWatch"/> on the
/// game grain (so from whichever silo holds it): a <c>progress</c> event first with where the game stands, one per
/// push after that, and an <c>over</c> event when it ends, after which the stream closes.
/// </summary>
internal static class GameEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task StreamAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var (game, refusal) = await LiveGames.FindAsync(grains, id);
        if (game is null)
        {
            await refusal!.ExecuteAsync(context);
            return;
        }

        var cancel = context.RequestAborted;
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var start = await game.GetStatusAsync(int.MaxValue, int.MaxValue);
        // The first event says whether any evaluation so far holds a field (with evaluation.fieldEvery above 1 the
        // latest may not), so a page opened between two fields shows the latest one at once.
        var view = start.EvaluationsCompleted > 0 ? await LiveRecords.ReadAsync(id, game) : null;
        var latest = view is { Evaluations.Length: > 0 } ? LiveEvaluation.Of(view.Evaluations[^1]) with { Field = view.LatestField is not null } : null;
        await SendAsync(context, "progress", LiveProgress.Of(start, latest), cancel);
        if (start.IsOver)
        {
            await SendAsync(context, "over", LiveProgress.Of(start, latest), cancel);
            return;
        }

        await using var watch = GameWatch.Start(grains, game, async status =>
        {
            var progress = LiveProgress.Of(status, latest);
            latest = progress.LatestEvaluation;
            await SendAsync(context, "progress", progress, cancel);
        }, new WatchOptions(start.RoundsCompleted, start.EvaluationsCompleted));
        try
        {
            var end = await watch.WhenOverAsync(cancel);
            await SendAsync(context, "over", LiveProgress.Of(end, latest), cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The page went away: the watch ends with it.
        }
        catch (GameWatchLostException e)
        {
            await context.Response.WriteAsync($"event: lost\ndata: {JsonSerializer.Serialize(e.Message, Json)}\n\n", cancel);
        }
    }

    private static async Task SendAsync(HttpContext context, string kind, LiveProgress progress, CancellationToken cancel)
    {
        await context.Response.WriteAsync($"event: {kind}\ndata: {JsonSerializer.Serialize(progress, Json)}\n\n", cancel);
        await context.Response.Body.FlushAsync(cancel);
    }
}
