using Microsoft.AspNetCore.Http;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Native;
using OrleansGan.Core.Pictures;

namespace OrleansGan.Live;

/// <summary>
/// <c>GET /games/{id}/curves.png</c>, <c>samples.png</c>, <c>field.png</c> and <c>digits.png</c>: the run folder's
/// pictures drawn from the game's own records, fetched through its grain (so from whichever silo holds it), as they
/// stand at the request: the curves, and the latest evaluation's samples, field (2-D data) or digits (images).
/// </summary>
internal static class GamePicturesEndpoint
{
    public static async Task<IResult> CurvesAsync(string id, IGrainFactory grains)
    {
        var (game, refusal) = await LiveGames.FindAsync(grains, id);
        if (game is null)
        {
            return refusal!;
        }

        var view = await LiveRecords.ReadAsync(id, game);
        return Png(Pictures.CurvesPng(view.Rounds, view.Evaluations));
    }

    /// <summary>The header that names the round of the evaluation a picture shows.</summary>
    public const string RoundHeader = "X-OrleansGan-Evaluation-Round";

    public static Task<IResult> SamplesAsync(string id, IGrainFactory grains, HttpContext context) => LatestAsync(id, grains, context, "samples", field: false,
        (spec, e) => spec.Data.Kind == DataKind.Mnist ? "samples are drawn for the 2-D mixtures only" : null,
        (spec, e, real) => Pictures.SamplesPng(e, GaussianMixture.For(spec.Data), spec.Evaluation.QualityStds, real));

    public static Task<IResult> FieldAsync(string id, IGrainFactory grains, HttpContext context) => LatestAsync(id, grains, context, "field", field: true,
        (spec, e) => !FieldSnapshots.IsPlanar(spec) ? "the field is drawn for 2-D data only"
            : e.Field is null ? (spec.Evaluation.FieldEvery == 0 ? "the game records no field (evaluation.fieldEvery: 0)" : "no evaluation holds a field yet") : null,
        (spec, e, _) =>
        {
            TorchRuntime.EnsureLoaded(); // the snapshot's real sample is drawn with TorchSharp
            return FieldPictures.Png(FieldSnapshots.FromEvaluation(spec, e));
        });

    public static Task<IResult> DigitsAsync(string id, IGrainFactory grains, HttpContext context) => LatestAsync(id, grains, context, "digits", field: false,
        (_, e) => e.SampleGrid is null ? "digits are drawn for image data only" : null,
        (_, e, _) => DigitPictures.GridPng(e));

    // The picture of the latest evaluation (for the field: the latest that holds one), drawn once per evaluation for
    // all viewers, with its round in RoundHeader; 404 with the reason when the game has none of this kind (yet).
    private static async Task<IResult> LatestAsync(string id, IGrainFactory grains, HttpContext context, string kind, bool field,
        Func<GameSpec, EvaluationRecord, string?> missing, Func<GameSpec, EvaluationRecord, float[], byte[]> draw)
    {
        var (game, refusal) = await LiveGames.FindAsync(grains, id);
        if (game is null)
        {
            return refusal!;
        }

        var view = await LiveRecords.ReadAsync(id, game);
        if (view.Spec is not { } spec || view.Evaluations.Length == 0)
        {
            return NotFound("no evaluation yet");
        }

        var latest = field ? view.LatestField ?? view.Evaluations[^1] : view.Evaluations[^1];
        if (missing(spec, latest) is { } why)
        {
            return NotFound(why);
        }

        context.Response.Headers[RoundHeader] = latest.Round.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Png(LiveRecords.Drawn(id, kind, field ? view.LatestFieldNumber : view.EvaluationsSeen, () => draw(spec, latest, view.RealSample)));
    }

    private static IResult NotFound(string why) => Results.Text(why + "\n", "text/plain", statusCode: StatusCodes.Status404NotFound);

    private static IResult Png(byte[] bytes) => Results.Bytes(bytes, "image/png");
}
