using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansGan.Core.Spec;

namespace OrleansGan.Core.Sweeps;

/// <summary>
/// Reads a sweep file (YAML or JSON) with the spec reader's bounds (<see cref="SpecLimits"/>) and checks its shape:
/// every problem names its field (<c>axes.loss: is empty</c>). Whether each axis value fits its spec field, and each
/// game its spec, is checked when the games are made (<see cref="SweepExpansion"/>).
/// </summary>
/// <remarks>
/// <code>
/// name: protocols-ring              # optional: the file's name
/// spec: ../specs/base.yaml          # or a mapping of spec fields (which may 'extends:' a file); optional
/// axes:                             # the first varies slowest
///   protocol: [simultaneous, "alternating(1,1)", "unrolled(5)"]
///   generator.optimizer.learningRate: [1e-3, 2e-4]
///   stabilizer:                     # a named axis: each level sets several fields
///     none: {}
///     r1: { stabilizers.r1: 10 }
///   seed: 1..5
/// combine: cartesian                # or zipped
/// exclude: [{ protocol: "unrolled(5)", stabilizer: r1 }]
/// figures: [modes_covered, high_quality_fraction]
/// </code>
/// </remarks>
public static partial class SweepFileReader
{
    private static readonly string[] Fields = ["name", "spec", "axes", "combine", "exclude", "figures"];

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    /// <exception cref="InvalidSweepException">The file cannot be read or is not a sweep; the message names the field.</exception>
    public static SweepDefinition Read(string path)
    {
        var full = Path.GetFullPath(path);
        string text;
        try
        {
            text = GameSpecLoader.ReadText(path, full);
        }
        catch (InvalidGameSpecException e)
        {
            throw new InvalidSweepException(e.Problems[0].Replace("spec file", "sweep file", StringComparison.Ordinal));
        }

        return Parse(text, path, Path.GetFileNameWithoutExtension(path), Path.GetDirectoryName(full)!);
    }

    /// <summary>Checks the sweep in <paramref name="text"/>; <paramref name="directory"/> is where relative spec paths start.</summary>
    /// <exception cref="InvalidSweepException">It is not a sweep; the message names the field.</exception>
    public static SweepDefinition Parse(string text, string source, string defaultName, string directory)
    {
        JsonNode? node;
        try
        {
            node = YamlToJson.Parse(text, source);
        }
        catch (InvalidGameSpecException e)
        {
            throw new InvalidSweepException(e.Problems);
        }

        if (node is not JsonObject file)
        {
            throw new InvalidSweepException($"{source}: a sweep must be a mapping of fields ({string.Join(", ", Fields)}), not {Kind(node)}");
        }

        var problems = file.Select(kv => kv.Key).Where(k => !Fields.Contains(k))
            .Select(k => $"sweep: no such field '{k}' (the sweep's fields: {string.Join(", ", Fields)})").ToList();
        var name = Name(file["name"], defaultName, problems);
        JsonObject layer = [];
        try
        {
            layer = GameSpecLoader.Layer(file["spec"], "spec", directory);
        }
        catch (InvalidGameSpecException e)
        {
            problems.AddRange(e.Problems.Select(p => p.StartsWith("spec", StringComparison.Ordinal) ? p : $"spec: {p}"));
        }

        var axes = Axes(file["axes"], problems);
        var combination = Combination(file["combine"], problems);
        if (combination == SweepCombination.Zipped && axes.Select(a => a.Levels.Count).Distinct().Count() > 1)
        {
            problems.Add($"combine: zipped axes must have the same number of values ({string.Join(", ", axes.Select(a => $"{a.Name}: {a.Levels.Count}"))})");
        }

        var exclusions = Exclusions(file["exclude"], axes, problems);
        var figures = Figures(file["figures"], problems);
        return problems.Count > 0
            ? throw new InvalidSweepException(problems)
            : new SweepDefinition(name, layer, axes, combination, exclusions, figures);
    }

    private static string Name(JsonNode? node, string defaultName, List<string> problems)
    {
        var name = node is null ? defaultName : node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        if (name is null || !NamePattern().IsMatch(name))
        {
            problems.Add($"name: must be a word of letters, digits, '.', '_' or '-', at most 64 characters (got {(node is null ? $"'{defaultName}' from the file's name" : Kind(node))})");
            return "sweep";
        }

        return name;
    }

    private static List<SweepAxis> Axes(JsonNode? node, List<string> problems)
    {
        if (node is not JsonObject axes || axes.Count == 0)
        {
            problems.Add(node is null or JsonObject
                ? "axes: is missing or empty; a sweep varies at least one spec field (e.g. axes: { seed: 1..3 })"
                : $"axes: must be a mapping of axis names to values, not {Kind(node)}");
            return [];
        }

        if (axes.Count > SweepLimits.MaxAxes)
        {
            problems.Add($"axes: {axes.Count} axes are more than a sweep may have ({SweepLimits.MaxAxes})");
            return [];
        }

        var result = new List<SweepAxis>();
        foreach (var (name, values) in axes)
        {
            var field = $"axes.{name}";
            if (!AxisPattern().IsMatch(name))
            {
                problems.Add($"{field}: an axis name is a spec path or a word of letters, digits, '.', '_' or '-'");
                continue;
            }

            var levels = values switch
            {
                JsonArray list => List(name, list, field, problems),
                JsonValue text when text.TryGetValue<string>(out var range) && RangePattern().Match(range) is { Success: true } match => Range(name, match, field, problems),
                JsonObject named => Named(named, field, problems),
                _ => Refuse(problems, $"{field}: must be a list of values, a range a..b of whole numbers, or a mapping of named levels to spec fields (got {Kind(values)})"),
            };
            if (levels is null)
            {
                continue;
            }

            if (levels.Count == 0)
            {
                problems.Add($"{field}: is empty; an axis needs at least one value");
                continue;
            }

            if (levels.Count > SweepLimits.MaxLevels)
            {
                problems.Add($"{field}: {levels.Count:N0} values are more than an axis may have ({SweepLimits.MaxLevels:N0})");
                continue;
            }

            foreach (var twice in levels.GroupBy(l => l.Label).Where(g => g.Count() > 1))
            {
                problems.Add($"{field}: value '{twice.Key}' is given twice");
            }

            result.Add(new SweepAxis(name, levels, values is not JsonObject));
        }

        return result;
    }

    // A list: each value sets the field the axis is named after; "protocol" values may be written as --protocol takes them.
    private static List<SweepLevel>? List(string name, JsonArray list, string field, List<string> problems)
    {
        var levels = new List<SweepLevel>();
        for (var i = 0; i < list.Count; i++)
        {
            var value = list[i];
            try
            {
                levels.Add(new SweepLevel(Label(value, $"{field}[{i}]"), Assignments(name, value, $"{field}[{i}]")));
            }
            catch (InvalidSweepException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        return levels;
    }

    private static List<SweepLevel>? Range(string name, Match match, string field, List<string> problems)
    {
        if (!long.TryParse(match.Groups["from"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var from)
            || !long.TryParse(match.Groups["to"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var to))
        {
            return Refuse(problems, $"{field}: the range's ends must be whole numbers (got '{match.Value}')");
        }

        if (to < from)
        {
            return Refuse(problems, $"{field}: the range {from}..{to} is empty (its end is below its start)");
        }

        if (to - from >= SweepLimits.MaxLevels)
        {
            return Refuse(problems, $"{field}: the range {from}..{to} holds {to - from + 1:N0} values, more than an axis may have ({SweepLimits.MaxLevels:N0})");
        }

        return Enumerable.Range(0, (int)(to - from + 1))
            .Select(i => from + i)
            .Select(v => new SweepLevel(v.ToString(CultureInfo.InvariantCulture), [KeyValuePair.Create(name, (JsonNode?)JsonValue.Create(v))]))
            .ToList();
    }

    // A mapping: each level is named, and sets the fields it lists ({} sets none: the base).
    private static List<SweepLevel>? Named(JsonObject named, string field, List<string> problems)
    {
        var levels = new List<SweepLevel>();
        foreach (var (label, fields) in named)
        {
            var at = $"{field}.{label}";
            if (label.Trim().Length == 0 || label.Length > SweepLimits.MaxLabelLength)
            {
                problems.Add($"{at}: a level's name must be 1 to {SweepLimits.MaxLabelLength} characters");
                continue;
            }

            if (fields is not (null or JsonObject))
            {
                problems.Add($"{at}: must be a mapping of spec fields to values ({{}} for none), not {Kind(fields)}");
                continue;
            }

            try
            {
                var assignments = ((JsonObject?)fields ?? []).SelectMany(f => Assignments(f.Key, f.Value, $"{at}.{f.Key}")).ToList();
                levels.Add(new SweepLevel(label, assignments));
            }
            catch (InvalidSweepException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        return levels;
    }

    // What setting one field to one value means; a protocol may be written as --protocol takes it ("alternating(5,1)").
    private static List<KeyValuePair<string, JsonNode?>> Assignments(string path, JsonNode? value, string field)
    {
        if (path == "protocol" && value is JsonValue v && v.TryGetValue<string>(out var protocol))
        {
            try
            {
                return ProtocolShorthand.Overrides(protocol, field)
                    .Select(o => KeyValuePair.Create(o.Key, YamlToJson.ParseValue(o.Value, field)))
                    .ToList();
            }
            catch (ArgumentException e)
            {
                throw new InvalidSweepException(e.Message);
            }
        }

        return [KeyValuePair.Create(path, value?.DeepClone())];
    }

    private static string Label(JsonNode? value, string field)
    {
        var label = value switch
        {
            null => "null",
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            _ => value.ToJsonString(),
        };
        return label.Trim().Length == 0 || label.Length > SweepLimits.MaxLabelLength
            ? throw new InvalidSweepException($"{field}: a value must read as 1 to {SweepLimits.MaxLabelLength} characters (got {label.Length})")
            : label;
    }

    private static SweepCombination Combination(JsonNode? node, List<string> problems)
    {
        if (node is null)
        {
            return SweepCombination.Cartesian;
        }

        var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim().ToLowerInvariant() : null;
        if (text is "cartesian" or "zipped")
        {
            return text == "zipped" ? SweepCombination.Zipped : SweepCombination.Cartesian;
        }

        problems.Add($"combine: '{text ?? node.ToJsonString()}' is not one of: cartesian, zipped");
        return SweepCombination.Cartesian;
    }

    private static List<IReadOnlyDictionary<string, IReadOnlySet<string>>> Exclusions(JsonNode? node, List<SweepAxis> axes, List<string> problems)
    {
        var rules = new List<IReadOnlyDictionary<string, IReadOnlySet<string>>>();
        if (node is null)
        {
            return rules;
        }

        if (node is not JsonArray list)
        {
            problems.Add($"exclude: must be a list of rules such as {{ loss: hinge, seed: 2 }}, not {Kind(node)}");
            return rules;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject rule || rule.Count == 0)
            {
                problems.Add($"exclude[{i}]: must be a mapping of axis names to a value or a list of values, not {Kind(list[i])}");
                continue;
            }

            var parsed = new Dictionary<string, IReadOnlySet<string>>();
            foreach (var (name, labels) in rule)
            {
                var axis = axes.FirstOrDefault(a => a.Name == name);
                if (axis is null)
                {
                    problems.Add($"exclude[{i}].{name}: no such axis (the axes: {string.Join(", ", axes.Select(a => a.Name))})");
                    continue;
                }

                var given = (labels is JsonArray many ? many.ToList() : [labels]).Select(l => Label(l, $"exclude[{i}].{name}")).ToList();
                foreach (var unknown in given.Where(l => axis.Levels.All(level => level.Label != l)))
                {
                    problems.Add($"exclude[{i}].{name}: '{unknown}' is not a value of the axis (its values: {string.Join(", ", axis.Levels.Select(l => l.Label))})");
                }

                parsed[name] = given.ToHashSet();
            }

            rules.Add(parsed);
        }

        return rules;
    }

    private static List<string>? Figures(JsonNode? node, List<string> problems)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray list || list.Count == 0)
        {
            problems.Add($"figures: must be a list of one or more of: {string.Join(", ", SweepFigures.All.Keys)} (got {Kind(node)})");
            return null;
        }

        var figures = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            var name = list[i] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
            if (name is null || !SweepFigures.All.ContainsKey(name))
            {
                problems.Add($"figures[{i}]: '{name ?? list[i]?.ToJsonString()}' is not a figure (the figures: {string.Join(", ", SweepFigures.All.Keys)})");
            }
            else if (figures.Contains(name))
            {
                problems.Add($"figures[{i}]: '{name}' is given twice");
            }
            else
            {
                figures.Add(name);
            }
        }

        return figures;
    }

    private static List<SweepLevel>? Refuse(List<string> problems, string problem)
    {
        problems.Add(problem);
        return null;
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"'{v.GetValue<string>()}'",
        _ => node.ToJsonString(),
    };

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex AxisPattern();

    [GeneratedRegex(@"^\s*(?<from>-?\d+)\s*\.\.\s*(?<to>-?\d+)\s*$")]
    private static partial Regex RangePattern();
}
