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
    private const string NameKey = "name";

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

        return FromTree(tree);
    }

    /// <summary>
    /// The defaults with <paramref name="layers"/> merged over them in order, unchecked as a whole: a layer is one
    /// file's fields (its own <c>extends</c> already resolved), so each names its own problems. For callers that build
    /// many specs from one base (a sweep): set fields with <see cref="Set"/>, then make the spec with <see cref="FromTree"/>.
    /// </summary>
    public static JsonObject Tree(params JsonObject[] layers)
    {
        var tree = Defaults();
        foreach (var layer in layers)
        {
            Merge(tree, layer);
        }

        return tree;
    }

    /// <summary>
    /// One layer from a mapping given inline in another file (<paramref name="source"/> names it in errors), with its
    /// <c>extends</c> resolved against <paramref name="directory"/>; a text value is the path of a spec file there.
    /// </summary>
    /// <exception cref="InvalidGameSpecException">The layer, or a file it extends, is not a partial spec.</exception>
    public static JsonObject Layer(JsonNode? layer, string source, string directory) => layer switch
    {
        null => [],
        JsonValue value when value.TryGetValue<string>(out var file) && file.Trim().Length > 0 => ReadFile(Path.Combine(directory, file), []),
        JsonObject tree => Resolve((JsonObject)tree.DeepClone(), source, Path.Combine(directory, "inline"), []),
        _ => throw new InvalidGameSpecException($"{source}: must be a spec file's path or a mapping of spec fields, not a {layer.GetValueKind().ToString().ToLowerInvariant()}"),
    };

    /// <summary>Every value in a whole tree that does not fit its field, as "field: problem" (see <see cref="SpecShape"/>).</summary>
    public static IReadOnlyList<string> ShapeProblems(JsonObject tree)
    {
        NameAfterData(tree);
        return SpecShape.Problems(tree);
    }

    /// <summary>Checks, builds and validates the spec a whole tree describes (naming the game after its data unless it is named).</summary>
    /// <exception cref="InvalidGameSpecException">The tree does not make a playable game; the message names each field.</exception>
    public static GameSpec FromTree(JsonObject tree)
    {
        NameAfterData(tree);
        if (SpecShape.Problems(tree) is { Count: > 0 } problems)
        {
            throw new InvalidGameSpecException(problems);
        }

        var spec = Deserialize(tree);
        GameSpecValidator.ThrowIfInvalid(spec);
        return spec;
    }

    /// <summary>The spec as JSON, readable back by <see cref="Load"/>.</summary>
    public static string ToJson(GameSpec spec) => JsonSerializer.Serialize(spec, JsonOptions);

    // A game is named after its data unless a spec or flag names it.
    private static void NameAfterData(JsonObject tree) =>
        tree[NameKey] ??= tree["data"] is JsonObject { } data && data["kind"] is JsonValue { } kind && kind.GetValueKind() == JsonValueKind.String
            ? kind.DeepClone()
            : null;

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
        if (!seen.Add(full))
        {
            throw new InvalidGameSpecException($"{path}: '{ExtendsKey}' forms a cycle");
        }

        if (seen.Count > SpecLimits.MaxFiles)
        {
            throw new InvalidGameSpecException($"{path}: the '{ExtendsKey}' chain holds more than {SpecLimits.MaxFiles} files, more than a spec may");
        }

        var node = YamlToJson.Parse(ReadText(path, full), path) ?? new JsonObject();
        if (node is not JsonObject tree)
        {
            throw new InvalidGameSpecException($"{path}: a spec must be a mapping of fields, not a {node.GetValueKind()}");
        }

        return Resolve(tree, path, full, seen);
    }

    // One file's tree (or a mapping inside another file, whose place is given as full) with its 'extends' merged under it.
    private static JsonObject Resolve(JsonObject tree, string path, string full, HashSet<string> seen)
    {
        if (tree.TryGetPropertyValue(ExtendsKey, out var baseNode))
        {
            if (baseNode is not JsonValue baseValue || !baseValue.TryGetValue<string>(out var baseName) || baseName.Trim().Length == 0)
            {
                throw new InvalidGameSpecException(
                    $"{path}: '{ExtendsKey}' must name a spec file, not {(baseNode is null ? "null" : "a " + baseNode.GetValueKind().ToString().ToLowerInvariant())}");
            }

            tree.Remove(ExtendsKey);
            CheckShape(tree, path);
            var basePath = Path.Combine(Path.GetDirectoryName(full)!, baseName);
            var merged = ReadFile(basePath, seen);
            Merge(merged, tree);
            return merged;
        }

        CheckShape(tree, path);
        return tree;
    }

    // Each file's own fields are checked where they are written, so a problem names its file.
    private static void CheckShape(JsonObject tree, string path)
    {
        if (SpecShape.Problems(tree, partial: true) is { Count: > 0 } problems)
        {
            throw new InvalidGameSpecException(problems.Select(p => $"{path}: {p}").ToList());
        }
    }

    // At most SpecLimits.MaxBytes are read whatever the file claims to be (a device such as /dev/zero reports length 0).
    internal static string ReadText(string path, string full)
    {
        if (Directory.Exists(full))
        {
            throw new InvalidGameSpecException($"spec file '{path}' is a folder, not a file");
        }

        if (!File.Exists(full))
        {
            throw new InvalidGameSpecException($"spec file '{path}' does not exist");
        }

        try
        {
            using var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var bytes = new byte[SpecLimits.MaxBytes + 1];
            var length = 0;
            for (int read; length < bytes.Length && (read = file.Read(bytes, length, bytes.Length - length)) > 0;)
            {
                length += read;
            }

            if (length > SpecLimits.MaxBytes)
            {
                throw new InvalidGameSpecException($"spec file '{path}' is larger than a spec may be ({SpecLimits.MaxBytes:N0} bytes)");
            }

            using var reader = new StreamReader(new MemoryStream(bytes, 0, length), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidGameSpecException($"spec file '{path}' cannot be read: {e.Message}", e);
        }
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

    /// <summary>Sets one field (a dotted path) of a whole tree; a mapping given for a section sets only the fields it names.</summary>
    /// <exception cref="InvalidGameSpecException">The path names no field of the spec.</exception>
    public static void Set(JsonObject tree, string field, JsonNode? value)
    {
        var parts = field.Split('.');
        if (parts.Any(p => p.Length == 0))
        {
            throw new InvalidGameSpecException($"{field}: is not a field path (fields joined by '.', e.g. generator.optimizer.learningRate)");
        }

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

        switch (node[parts[^1]], value)
        {
            case (JsonObject section, JsonObject fields):
                // A partial section sets only the fields it names; the others keep their values.
                Merge(section, (JsonObject)fields.DeepClone());
                break;
            case (JsonObject section, _):
                throw new InvalidGameSpecException($"{field}: is a section; set one of its fields ({string.Join(", ", section.Select(kv => kv.Key))})");
            default:
                node[parts[^1]] = value?.DeepClone();
                break;
        }
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
