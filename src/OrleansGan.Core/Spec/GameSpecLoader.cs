using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Core.Spec;

/// <summary>
/// Builds a <see cref="GameSpec"/> in layers: the built-in defaults, then a spec file (which may name a base file with
/// <c>extends</c>), then overrides such as command-line flags. Unknown fields and bad values are refused by name.
/// </summary>
public static class GameSpecLoader
{
    private const string ExtendsKey = "extends";

    /// <summary>The JSON options specs are read and written with.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        WriteIndented = true,
        Converters = { new KebabCaseEnumConverter() },
    };

    /// <summary>Loads, merges and validates a spec.</summary>
    /// <param name="path">A YAML or JSON spec file, or null for the defaults alone.</param>
    /// <param name="overrides">Dotted field paths and values, applied last in order (e.g. "protocol.discriminatorSteps", "5").</param>
    /// <exception cref="InvalidGameSpecException">The files or overrides do not make a playable game; the message names each field.</exception>
    public static GameSpec Load(string? path, IEnumerable<KeyValuePair<string, string>>? overrides = null)
    {
        var tree = Defaults();
        if (path is not null)
        {
            Merge(tree, ReadFile(path, []));
        }

        foreach (var (field, value) in overrides ?? [])
        {
            Set(tree, field, YamlToJson.ParseValue(value, field));
        }

        var spec = Deserialize(tree);
        GameSpecValidator.ThrowIfInvalid(spec);
        return spec;
    }

    /// <summary>The spec as JSON, readable back by <see cref="Load"/>.</summary>
    public static string ToJson(GameSpec spec) => JsonSerializer.Serialize(spec, JsonOptions);

    private static JsonObject Defaults()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("OrleansGan.Core.Spec.defaults.yaml")
            ?? throw new InvalidOperationException("the built-in defaults are missing from OrleansGan.Core");
        using var reader = new StreamReader(stream);
        return (JsonObject)YamlToJson.Parse(reader.ReadToEnd(), "defaults")!;
    }

    private static JsonObject ReadFile(string path, HashSet<string> seen)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new InvalidGameSpecException($"spec file '{path}' does not exist");
        }

        if (!seen.Add(full))
        {
            throw new InvalidGameSpecException($"{path}: '{ExtendsKey}' forms a cycle");
        }

        var node = YamlToJson.Parse(File.ReadAllText(full), path) ?? new JsonObject();
        if (node is not JsonObject tree)
        {
            throw new InvalidGameSpecException($"{path}: a spec must be a mapping of fields, not a {node.GetValueKind()}");
        }

        if (tree[ExtendsKey] is { } baseNode)
        {
            if (baseNode is not JsonValue baseValue || !baseValue.TryGetValue<string>(out var baseName))
            {
                throw new InvalidGameSpecException(
                    $"{path}: '{ExtendsKey}' must name a spec file, not a {baseNode.GetValueKind().ToString().ToLowerInvariant()}");
            }

            tree.Remove(ExtendsKey);
            var basePath = Path.Combine(Path.GetDirectoryName(full)!, baseName);
            var merged = ReadFile(basePath, seen);
            Merge(merged, tree);
            return merged;
        }

        return tree;
    }

    private static void Merge(JsonObject target, JsonObject overrides)
    {
        foreach (var (key, value) in overrides.ToList())
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static void Set(JsonObject tree, string field, JsonNode? value)
    {
        var parts = field.Split('.');
        var node = tree;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = node[parts[i]] as JsonObject
                ?? throw new InvalidGameSpecException($"{field}: '{string.Join('.', parts[..(i + 1)])}' is not a section of the spec");
        }

        if (!node.ContainsKey(parts[^1]))
        {
            throw new InvalidGameSpecException($"{field}: no such field in the spec");
        }

        if (node[parts[^1]] is JsonObject && value is not JsonObject)
        {
            throw new InvalidGameSpecException($"{field}: is a section; set one of its fields ({string.Join(", ", ((JsonObject)node[parts[^1]]!).Select(kv => kv.Key))})");
        }

        node[parts[^1]] = value;
    }

    private static GameSpec Deserialize(JsonObject tree)
    {
        try
        {
            return tree.Deserialize<GameSpec>(JsonOptions) ?? throw new InvalidGameSpecException("the spec is empty");
        }
        catch (JsonException e)
        {
            var field = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            var reason = e.Message.Split(" Path:", 2)[0];
            throw new InvalidGameSpecException($"{(field.Length == 0 ? "spec" : field)}: {reason}", e);
        }
    }
}
