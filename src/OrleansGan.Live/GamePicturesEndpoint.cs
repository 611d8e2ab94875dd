using Microsoft.AspNetCore.Http;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;

namespace OrleansGan.Live;

/// <summary>
/// <c>GET /games/{id}/curves.png</c> and <c>/games/{id}/samples.png</c>: the run folder's pictures (<see cref="Pictures"/>)
/// drawn from the game's own records, fetched through its grain, as they stand at the request.
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

        var (_, rounds, evaluations, _) = await LiveRecords.ReadAsync(id, game);
        return Png(Pictures.CurvesPng(rounds, evaluations));
    }

    public static async Task<IResult> SamplesAsync(string id, IGrainFactory grains)
    {
        var (game, refusal) = await LiveGames.FindAsync(grains, id);
        if (game is null)
        {
            return refusal!;
        }

        var (spec, _, evaluations, real) = await LiveRecords.ReadAsync(id, game);
        if (spec is null || spec.Data.Kind == DataKind.Mnist || evaluations.Length == 0)
        {
            return Results.Text(spec is null || evaluations.Length == 0 ? "no evaluation yet\n" : "samples are drawn for the 2-D mixtures only\n",
                "text/plain", statusCode: StatusCodes.Status404NotFound);
        }

        return Png(Pictures.SamplesPng(evaluations[^1], GaussianMixture.For(spec.Data), spec.Evaluation.QualityStds, real));
    }

    private static IResult Png(byte[] bytes) => Results.Bytes(bytes, "image/png");
}
