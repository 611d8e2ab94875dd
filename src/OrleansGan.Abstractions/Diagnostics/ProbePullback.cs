using OrleansGan.Abstractions.Messages;

namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>
/// The generator's part of a product or of the field: slot <see cref="Target"/> = J_x^T s for the cotangent s (a
/// batch-shaped message from the discriminator) on chunk <see cref="Chunk"/> (-1: the whole batch), plus, when
/// <see cref="CurvatureSource"/> names a slot a, the generator's own curvature term d/dtheta &lt;J_x^T g, a&gt; with g
/// held fixed. With <see cref="KeepsGradient"/> the cotangent is g = dJ_G/dx at the diagnostic point, which the
/// generator keeps for those curvature terms.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProbePullback(
    [property: Id(0)] TensorBytes Cotangent,
    [property: Id(1)] int Chunk,
    [property: Id(2)] int Target,
    [property: Id(3)] int CurvatureSource = -1,
    [property: Id(4)] bool KeepsGradient = false);
