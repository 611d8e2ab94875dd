using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Core.Spec;

/// <summary>
/// Checks a spec's JSON tree against the shape of <see cref="GameSpec"/> before it is deserialized, so that every
/// value of the wrong kind is named by its field and by what the field expects ("batchSize: must be a whole number
/// (got 12.5)"). System.Text.Json would name only the record that failed to build ("could not be converted to
/// OptimizerSpec"), and stop at the first problem.
/// </summary>
internal static class SpecShape
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>
    /// Every value in <paramref name="tree"/> that does not fit its field, as "field: problem"; a
    /// <paramref name="partial"/> tree (one layer, such as a file that the defaults complete) may leave fields out.
    /// </summary>
    public static IReadOnlyList<string> Problems(JsonObject tree, bool partial = false)
    {
        var problems = new List<string>();
        Record(typeof(GameSpec), tree, "", problems, partial);
        return problems;
    }

    private static void Record(Type type, JsonObject node, string field, List<string> problems, bool partial)
    {
        var parameters = type.GetConstructors().MaxBy(c => c.GetParameters().Length)!.GetParameters();
        var byName = parameters.ToDictionary(p => JsonName(p.Name!), StringComparer.Ordinal);
        foreach (var (key, value) in node)
        {
            if (!byName.TryGetValue(key, out var parameter))
            {
                var section = field.Length == 0 ? "the spec's fields" : $"the fields of {field}";
                problems.Add($"{(field.Length == 0 ? "spec" : field)}: no such field '{key}' ({section}: {string.Join(", ", byName.Keys)})");
                continue;
            }

            Value(parameter, value, Join(field, key), problems, partial);
        }

        foreach (var parameter in parameters.Where(p => !partial && !p.HasDefaultValue && !node.ContainsKey(JsonName(p.Name!))))
        {
            problems.Add($"{Join(field, JsonName(parameter.Name!))}: is missing");
        }
    }

    private static void Value(ParameterInfo parameter, JsonNode? node, string field, List<string> problems, bool partial)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        var nullable = Nullable.GetUnderlyingType(parameter.ParameterType) is not null
            || Nullability.Create(parameter).ReadState == NullabilityState.Nullable;
        if (node is null)
        {
            if (!nullable)
            {
                problems.Add($"{field}: must be {Expected(type)}, not null");
            }

            return;
        }

        Value(type, node, field, problems, partial);
    }

    private static void Value(Type type, JsonNode node, string field, List<string> problems, bool partial)
    {
        string? problem = type switch
        {
            _ when type == typeof(int) => Integer(node, int.MinValue, int.MaxValue),
            _ when type == typeof(ulong) => Integer(node, 0, ulong.MaxValue),
            _ when type == typeof(double) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? null : Got(node),
            _ when type == typeof(bool) => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : Got(node),
            _ when type == typeof(string) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? null : Got(node) + QuoteHint(node),
            _ when type.IsEnum => Choice(type, node),
            _ when type == typeof(int[]) => List(node, field, problems),
            _ => Section(type, node, field, problems, partial),
        };
        if (problem is not null)
        {
            problems.Add(type.IsEnum ? $"{field}: {problem}" : $"{field}: must be {Expected(type)} {problem}");
        }
    }

    private static string? Section(Type type, JsonNode node, string field, List<string> problems, bool partial)
    {
        if (node is not JsonObject section)
        {
            return Got(node);
        }

        Record(type, section, field, problems, partial);
        return null;
    }

    private static string? List(JsonNode node, string field, List<string> problems)
    {
        if (node is not JsonArray list)
        {
            return Got(node);
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                problems.Add($"{field}[{i}]: must be a whole number, not null");
            }
            else
            {
                Value(typeof(int), list[i]!, $"{field}[{i}]", problems, partial: false);
            }
        }

        return null;
    }

    private static string? Integer(JsonNode node, decimal min, decimal max)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return Got(node);
        }

        var number = decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (decimal?)null;
        if (number is not { } whole || whole != decimal.Truncate(whole))
        {
            return Got(node);
        }

        return whole < min || whole > max
            ? string.Create(CultureInfo.InvariantCulture, $"from {min} to {max} (got {value.ToJsonString()})")
            : null;
    }

    private static string? Choice(Type type, JsonNode node)
    {
        var names = Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName).ToList();
        var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return text is not null && names.Contains(text.Trim().ToLowerInvariant())
            ? null
            : $"'{text ?? node.ToJsonString()}' is not one of: {string.Join(", ", names)}";
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(ulong) => "a whole number",
        _ when type == typeof(double) => "a finite number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(string) => "text",
        _ when type.IsEnum => "one of: " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName)),
        _ when type == typeof(int[]) => "a list of whole numbers",
        _ => "a section of fields",
    };

    private static string Got(JsonNode node) => node switch
    {
        JsonObject => "(got a mapping)",
        JsonArray => "(got a list)",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"(got '{v.GetValue<string>()}')",
        _ => $"(got {node.ToJsonString()})",
    };

    private static string QuoteHint(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? $"; quote it for text: '{node.ToJsonString()}'"
            : "";

    private static string JsonName(string name) => GameSpecLoader.JsonOptions.PropertyNamingPolicy!.ConvertName(name);

    private static string Join(string field, string key) => field.Length == 0 ? key : $"{field}.{key}";
}
