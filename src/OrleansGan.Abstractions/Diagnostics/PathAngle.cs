namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>The path-angle between two points of a game (Berard et al. 2020, section 4).</summary>
/// <param name="StartRound">The round of w_start (0: the players' initialisation, rebuilt from the seed).</param>
/// <param name="EndRound">The round of w_end, the diagnosed point.</param>
/// <param name="Distance">|w_end - w_start|.</param>
[GenerateSerializer, Immutable]
public sealed record PathAngle(
    [property: Id(0)] int StartRound,
    [property: Id(1)] int EndRound,
    [property: Id(2)] double Distance,
    [property: Id(3)] IReadOnlyList<PathAnglePoint> Points);
