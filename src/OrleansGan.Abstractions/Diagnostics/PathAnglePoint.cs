namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>
/// One point w(alpha) = (1 - alpha) w_start + alpha w_end of the path-angle: cos(v, w_start - w_end), the sign convention
/// of Berard et al.'s code (positive while the field points back towards the start, as descent towards the end needs),
/// and |v|^2.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PathAnglePoint(
    [property: Id(0)] double Alpha,
    [property: Id(1)] double Cosine,
    [property: Id(2)] double FieldSquaredNorm,
    [property: Id(3)] double GeneratorLoss,
    [property: Id(4)] double DiscriminatorLoss);
