using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Sweeps;

namespace OrleansGan.Client.Sweeps;

/// <summary>
/// What a sweep folder holds the results of: its id, its axes and every game with its run folder, game id and resolved
/// spec (plan.json). A rerun compares the sweep file's games with it and refuses, naming what changed, rather than mix
/// the results of two sweeps in one folder; only the figures to aggregate may change, since they change no game.
/// </summary>
internal sealed record SweepPlan(
    [property: JsonPropertyName("sweepId")] string SweepId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("combine")] string Combine,
    [property: JsonPropertyName("axes")] IReadOnlyList<SweepPlan.Axis> Axes,
    [property: JsonPropertyName("figures")] IReadOnlyList<string> Figures,
    [property: JsonPropertyName("games")] IReadOnlyList<SweepPlan.Game> Games)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>An axis and its labels, in order.</summary>
    internal sealed record Axis([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("values")] IReadOnlyList<string> Values);

    /// <summary>One game: its place, axis values, run folder (relative to the sweep folder), game id and spec.</summary>
    internal sealed record Game(
        [property: JsonPropertyName("index")] int Index,
        [property: JsonPropertyName("levels")] IReadOnlyDictionary<string, string> Levels,
        [property: JsonPropertyName("folder")] string Folder,
        [property: JsonPropertyName("gameId")] string GameId,
        [property: JsonPropertyName("spec")] JsonObject Spec)
    {
        /// <summary>"loss=hinge, seed=2".</summary>
        public string Key => string.Join(", ", Levels.Select(l => $"{l.Key}={l.Value}"));
    }

    /// <summary>The plan of a new sweep folder for <paramref name="games"/>.</summary>
    public static SweepPlan For(string sweepId, SweepDefinition sweep, IReadOnlyList<SweptGame> games, IReadOnlyList<string> figures) => new(
        sweepId,
        sweep.Name,
        sweep.Combination.ToString().ToLowerInvariant(),
        sweep.Axes.Select(a => new Axis(a.Name, a.Levels.Select(l => l.Label).ToList())).ToList(),
        figures,
        games.Select(g => new Game(
            g.Index,
            g.Levels.ToDictionary(l => l.Key, l => l.Value),
            Path.Combine("games", FolderName(g)),
            $"{sweepId}-{g.Index:D4}",
            JsonNode.Parse(GameSpecLoader.ToJson(g.Spec))!.AsObject())).ToList());

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <exception cref="InvalidDataException">The text is not a plan.</exception>
    public static SweepPlan Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<SweepPlan>(json) is { SweepId.Length: > 0, Games: not null, Axes: not null, Figures: not null } plan
                ? plan
                : throw new InvalidDataException($"{source}: is not a sweep plan");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: is not a sweep plan ({e.Message})", e);
        }
    }

    /// <summary>What differs between this folder's plan and <paramref name="other"/> (the sweep file as it is now), figures aside; empty when nothing.</summary>
    public IReadOnlyList<string> Differences(SweepPlan other)
    {
        var changes = new List<string>();
        if (Combine != other.Combine)
        {
            changes.Add($"combine: {Combine} became {other.Combine}");
        }

        var names = Axes.Select(a => a.Name).ToList();
        var otherNames = other.Axes.Select(a => a.Name).ToList();
        if (!names.SequenceEqual(otherNames))
        {
            changes.Add($"axes: {string.Join(", ", names)} became {string.Join(", ", otherNames)}");
        }
        else
        {
            changes.AddRange(Axes.Zip(other.Axes)
                .Where(p => !p.First.Values.SequenceEqual(p.Second.Values))
                .Select(p => $"axes.{p.First.Name}: {string.Join(", ", p.First.Values)} became {string.Join(", ", p.Second.Values)}"));
        }

        var keys = Games.Select(g => g.Key).ToHashSet();
        var otherKeys = other.Games.Select(g => g.Key).ToHashSet();
        if (changes.Count == 0 && !keys.SetEquals(otherKeys))
        {
            var added = otherKeys.Except(keys).ToList();
            var removed = keys.Except(otherKeys).ToList();
            changes.Add($"exclude: the games changed ({added.Count} added{Few(added)}, {removed.Count} removed{Few(removed)})");
        }

        var mine = Games.ToDictionary(g => g.Key);
        foreach (var game in other.Games.Where(g => mine.ContainsKey(g.Key)))
        {
            if (SpecDifferences(mine[game.Key].Spec, game.Spec, "") is { Count: > 0 } fields)
            {
                changes.Add($"game {game.Key}: spec fields {string.Join(", ", fields)} changed (the sweep's spec, or a file it extends)");
                if (changes.Count >= 10)
                {
                    break;
                }
            }
        }

        return changes;
    }

    /// <summary>The run folder's name: its index and axis values, in characters any file system and shell take.</summary>
    public static string FolderName(SweptGame game)
    {
        var values = string.Join('_', game.Levels.Select(l => new string(l.Value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-').ToArray()).Trim('-')));
        return $"{game.Index:D4}-{(values.Length > 80 ? values[..80] : values)}";
    }

    private static string Few(List<string> keys) => keys.Count == 0 ? "" : $": {string.Join("; ", keys.Take(3))}{(keys.Count > 3 ? "; ..." : "")}";

    // The dotted paths whose values differ.
    private static List<string> SpecDifferences(JsonNode? a, JsonNode? b, string path)
    {
        if (a is JsonObject left && b is JsonObject right)
        {
            return left.Select(kv => kv.Key).Union(right.Select(kv => kv.Key))
                .SelectMany(key => SpecDifferences(left[key], right[key], path.Length == 0 ? key : $"{path}.{key}"))
                .ToList();
        }

        return JsonNode.DeepEquals(a, b) ? [] : [path];
    }
}
