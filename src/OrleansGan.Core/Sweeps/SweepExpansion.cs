using System.Globalization;
using System.Text.Json.Nodes;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;

namespace OrleansGan.Core.Sweeps;

/// <summary>
/// Turns a sweep into its games, each a spec built as a spec file would be (defaults, the sweep's base, then each axis
/// value's fields in the axes' order) and validated as <c>run</c> validates one. Each axis value is first checked on the
/// base alone, so a path that names no field or a value of the wrong type is refused naming the axis and the value;
/// a combination that no game can play is refused naming the game.
/// </summary>
public static class SweepExpansion
{
    /// <summary>Players go to the device with the fewest players unless the sweep's spec says otherwise, so games balance over a cluster.</summary>
    public const PlacementPolicy DefaultPlacement = PlacementPolicy.Spread;

    /// <summary>The games of <paramref name="sweep"/>, in order.</summary>
    /// <exception cref="InvalidSweepException">An axis value or a game cannot be played; every problem is listed.</exception>
    public static IReadOnlyList<SweptGame> Games(SweepDefinition sweep)
    {
        if (sweep.Combinations > SweepLimits.MaxGames)
        {
            throw new InvalidSweepException(
                $"axes: the sweep makes {(sweep.Combinations == long.MaxValue ? "more than 2^63" : sweep.Combinations.ToString("N0", CultureInfo.InvariantCulture))} games, "
                + $"more than a sweep may hold ({SweepLimits.MaxGames:N0}); split it into several sweeps");
        }

        var placement = new JsonObject { ["placement"] = new JsonObject { ["policy"] = "spread" } };
        var baseTree = GameSpecLoader.Tree(placement, sweep.Base);
        CheckLevels(sweep, baseTree);

        var problems = new List<string>();
        var games = new List<SweptGame>();
        foreach (var levels in Combinations(sweep))
        {
            if (sweep.Exclusions.Any(rule => rule.All(r => r.Value.Contains(levels.First(l => l.Axis == r.Key).Level.Label))))
            {
                continue;
            }

            var named = levels.Select(l => KeyValuePair.Create(l.Axis, l.Level.Label)).ToList();
            var key = string.Join(", ", named.Select(l => $"{l.Key}={l.Value}"));
            try
            {
                var tree = (JsonObject)baseTree.DeepClone();
                foreach (var (field, value) in levels.SelectMany(l => l.Level.Fields))
                {
                    GameSpecLoader.Set(tree, field, value);
                }

                games.Add(new SweptGame(games.Count, named, GameSpecLoader.FromTree(tree)));
            }
            catch (InvalidGameSpecException e)
            {
                // A combination one rule of 'exclude' could leave out; the game is named by its axis values.
                problems.AddRange(e.Problems.Select(p => $"game {key}: {p}"));
                if (problems.Count >= 20)
                {
                    problems.Add("(further games not checked; fix these, or leave such combinations out with 'exclude')");
                    break;
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidSweepException(problems);
        }

        return games.Count == 0 ? throw new InvalidSweepException("exclude: leaves no game to play") : games;
    }

    /// <summary>The data of the sweep's base spec (which picks the default figures).</summary>
    public static DataKind BaseData(IReadOnlyList<SweptGame> games) => games[0].Spec.Data.Kind;

    // Each value set on the base alone: what a value cannot be anywhere is named by its axis, not by every game it is in.
    private static void CheckLevels(SweepDefinition sweep, JsonObject baseTree)
    {
        var problems = new List<string>();
        foreach (var axis in sweep.Axes)
        {
            for (var i = 0; i < axis.Levels.Count; i++)
            {
                var level = axis.Levels[i];
                var at = axis.IsPath ? $"axes.{axis.Name}[{i}]" : $"axes.{axis.Name}.{level.Label}";
                var tree = (JsonObject)baseTree.DeepClone();
                try
                {
                    foreach (var (field, value) in level.Fields)
                    {
                        GameSpecLoader.Set(tree, field, value);
                    }

                    problems.AddRange(GameSpecLoader.ShapeProblems(tree).Select(p => $"{at}: {p}"));
                }
                catch (InvalidGameSpecException e)
                {
                    problems.AddRange(e.Problems.Select(p => $"{at}: {p}"));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidSweepException(problems);
        }
    }

    private static IEnumerable<IReadOnlyList<(string Axis, SweepLevel Level)>> Combinations(SweepDefinition sweep)
    {
        if (sweep.Combination == SweepCombination.Zipped)
        {
            for (var i = 0; i < sweep.Axes[0].Levels.Count; i++)
            {
                yield return sweep.Axes.Select(a => (a.Name, a.Levels[i])).ToList();
            }

            yield break;
        }

        var counters = new int[sweep.Axes.Count];
        while (true)
        {
            yield return sweep.Axes.Select((a, i) => (a.Name, a.Levels[counters[i]])).ToList();
            var axis = counters.Length - 1;
            while (axis >= 0 && ++counters[axis] == sweep.Axes[axis].Levels.Count)
            {
                counters[axis--] = 0;
            }

            if (axis < 0)
            {
                yield break;
            }
        }
    }
}
