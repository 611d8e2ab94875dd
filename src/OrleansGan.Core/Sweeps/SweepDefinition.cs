using System.Text.Json.Nodes;

namespace OrleansGan.Core.Sweeps;

/// <summary>
/// A sweep as its file describes it: a base spec, the axes it varies, how they combine, which games are left out, and
/// which figures to aggregate. <see cref="SweepFileReader"/> makes one; <see cref="SweepExpansion"/> turns it into games.
/// </summary>
/// <param name="Name">The sweep's name (the file's unless it says otherwise): it names the sweep folder and the games' ids.</param>
/// <param name="Base">The spec layer every game starts from, over the defaults (its own <c>extends</c> resolved).</param>
/// <param name="Axes">What varies, in the file's order.</param>
/// <param name="Combination">How the axes make games.</param>
/// <param name="Exclusions">Combinations left out: a game is left out when, for every axis a rule names, its label is one the rule lists.</param>
/// <param name="Figures">The figures to aggregate; null for <see cref="SweepFigures.Default"/> of the base data.</param>
public sealed record SweepDefinition(
    string Name,
    JsonObject Base,
    IReadOnlyList<SweepAxis> Axes,
    SweepCombination Combination,
    IReadOnlyList<IReadOnlyDictionary<string, IReadOnlySet<string>>> Exclusions,
    IReadOnlyList<string>? Figures)
{
    /// <summary>Games the axes make before exclusions, computed without making them (saturating at <see cref="long.MaxValue"/>).</summary>
    public long Combinations => Combination == SweepCombination.Zipped
        ? Axes.Count == 0 ? 1 : Axes[0].Levels.Count
        : Axes.Aggregate(1L, (n, a) => n > long.MaxValue / Math.Max(1, a.Levels.Count) ? long.MaxValue : n * a.Levels.Count);
}
