using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Core.Sweeps;

/// <summary>One game of a sweep: where it stands in the sweep, the axis values that make it, and its resolved spec.</summary>
/// <param name="Index">Its place in the sweep, from 0, in the order the axes make games.</param>
/// <param name="Levels">Each axis's label for this game, in the axes' order.</param>
/// <param name="Spec">The spec it plays.</param>
public sealed record SweptGame(int Index, IReadOnlyList<KeyValuePair<string, string>> Levels, GameSpec Spec)
{
    /// <summary>"loss=hinge, seed=2": how errors and progress lines name the game.</summary>
    public string Key => string.Join(", ", Levels.Select(l => $"{l.Key}={l.Value}"));

    /// <summary>The key without the seed: the configuration whose seeds summaries aggregate.</summary>
    public string Configuration => string.Join(", ", Levels.Where(l => l.Key != SweepAxis.SeedAxis).Select(l => $"{l.Key}={l.Value}"));

    /// <summary>The label of <paramref name="axis"/>.</summary>
    public string Level(string axis) => Levels.First(l => l.Key == axis).Value;
}
