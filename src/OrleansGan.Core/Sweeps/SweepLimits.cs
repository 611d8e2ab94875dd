namespace OrleansGan.Core.Sweeps;

/// <summary>
/// How much a sweep file may ask for. Sweep files are shared like specs, and a few lines of axes multiply: the count
/// of games is computed from the axes before any game is built, and a sweep beyond <see cref="MaxGames"/> is refused
/// whatever the flags say.
/// </summary>
public static class SweepLimits
{
    /// <summary>Games a sweep may hold at all (10 silos playing 1,000 games is the largest sweep the README sizes).</summary>
    public const int MaxGames = 10_000;

    /// <summary>Games a sweep may start without <c>--yes</c>: beyond this, a typo in a range costs hours.</summary>
    public const int GamesWithoutConfirmation = 100;

    /// <summary>Axes in one sweep.</summary>
    public const int MaxAxes = 16;

    /// <summary>Values on one axis (a range a..b included).</summary>
    public const int MaxLevels = 1_000;

    /// <summary>The longest label (an axis value as text) folders and tables are named with.</summary>
    public const int MaxLabelLength = 200;
}
