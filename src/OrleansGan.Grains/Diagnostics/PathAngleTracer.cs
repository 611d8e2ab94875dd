using MathNet.Numerics.LinearAlgebra;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Grains.Diagnostics;

/// <summary>
/// The path-angle of Berard et al. (2020, section 4; their plot_path_tools.py): the probes move along
/// w(alpha) = (1 - alpha) w_start + alpha w_end and at each point the field v is taken on the diagnostic batch; the
/// plot is cos(v, w_start - w_end) and |v|^2 against alpha. Near a minimum of a potential the cosine switches sign
/// once at alpha = 1 and |v|^2 dips to 0; rotational dynamics show a bump of |v|^2 around the end point and a cosine
/// that stays away from +-1. The segment and every interpolate are combinations of slots, so no parameters leave the
/// players (each reads the start's weights from its own saved state).
/// </summary>
internal static class PathAngleTracer
{
    /// <summary>Traces the path and leaves the probes back at w_end with its field (and g) in the field slot.</summary>
    public static async Task<PathAngle> TraceAsync(
        ProbedGame game, PathAngleSpec options, PlayerState startGenerator, PlayerState startDiscriminator, int startRound, int endRound,
        Action<int> onPoint, CancellationToken cancel)
    {
        var (start, end, point, direction) = (game.NamedSlot(4), game.NamedSlot(5), game.NamedSlot(6), game.NamedSlot(7));
        await Task.WhenAll(
            game.Generator.ReadStateParametersAsync(startGenerator, start),
            game.Discriminator.ReadStateParametersAsync(startDiscriminator, start));
        await game.ReadParametersAsync(end);
        await game.CombineAsync(PlayerBlock.Joint, new SlotCombination([start, end], [1, -1], [direction]));
        var distance = Math.Sqrt(Sum(await game.GramByPlayerAsync([direction], [direction]))[0, 0]);

        var points = new List<PathAnglePoint>(options.Points);
        for (var i = 0; i < options.Points; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var alpha = options.From + ((options.To - options.From) * i / (options.Points - 1));
            await game.CombineAsync(PlayerBlock.Joint, new SlotCombination([start, end], [1 - alpha, alpha], [point]));
            await game.MoveAsync(point);
            var costs = await game.FieldAsync(game.FieldSlot);
            var gram = Sum(await game.GramByPlayerAsync([game.FieldSlot, direction], [game.FieldSlot, direction]));
            var field = Math.Sqrt(gram[0, 0]);
            var cosine = field > 0 && distance > 0 ? gram[0, 1] / (field * distance) : 0;
            points.Add(new PathAnglePoint(alpha, cosine, gram[0, 0], costs.GeneratorLoss, costs.DiscriminatorLoss));
            onPoint(i + 1);
        }

        await game.MoveAsync(end);
        await game.FieldAsync(game.FieldSlot);
        return new PathAngle(startRound, endRound, distance, points);
    }

    private static Matrix<double> Sum((Matrix<double> Generator, Matrix<double> Discriminator) shares) => shares.Generator + shares.Discriminator;
}
