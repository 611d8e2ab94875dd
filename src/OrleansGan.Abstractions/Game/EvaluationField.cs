using OrleansGan.Abstractions.Messages;

namespace OrleansGan.Abstractions.Game;

/// <summary>
/// The part of a <see cref="FieldSnapshot"/> only the players can give, taken with an evaluation of a game on 2-D
/// data: the discriminator's field, the gradient message at the evaluation's samples and the generator's manifold.
/// The rest of the snapshot (the samples, the real sample, the mode shares) follows from the evaluation and the spec,
/// so it is not stored twice.
/// </summary>
/// <param name="Extent">The plotted square is [-Extent, Extent]^2.</param>
/// <param name="Values">D over the square's [cells, cells] grid (as <see cref="FieldSnapshot.Values"/>); null when D is not a function of one point.</param>
/// <param name="ValuesAbsent">Why <paramref name="Values"/> is null; null when it is not.</param>
/// <param name="Gradient">dJ_G/dx at each of the evaluation's samples, [m, 2].</param>
/// <param name="Manifold">G over the regular latent grid, [k, k, 2]; null for a generator with fewer than two latent coordinates.</param>
[GenerateSerializer, Immutable]
public sealed record EvaluationField(
    [property: Id(0)] double Extent,
    [property: Id(1)] TensorBytes? Values,
    [property: Id(2)] string? ValuesAbsent,
    [property: Id(3)] TensorBytes Gradient,
    [property: Id(4)] TensorBytes? Manifold);
