using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrleansGan.Core.Spec;

/// <summary>Turns YAML (and so JSON) text into a JSON tree; plain scalars that read as numbers or booleans become them.</summary>
internal static class YamlToJson
{
    public static JsonNode? Parse(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InvalidGameSpecException($"{source}: not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }

        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode, source);
    }

    /// <summary>One scalar as a command-line flag gives it ("0.5", "[64,64]", "cuda:1"); errors name <paramref name="field"/>.</summary>
    public static JsonNode? ParseValue(string text, string field) => Parse(text, field) ?? JsonValue.Create(text);

    private static JsonNode? Convert(YamlNode node, string source) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(Key(kv.Key, source), Convert(kv.Value, source)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(child => Convert(child, source)).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidGameSpecException($"{source}: unsupported YAML node at line {node.Start.Line}"),
    };

    // YAML allows lists and mappings as keys ("? [a, b]"); a spec's field names are words.
    private static string Key(YamlNode key, string source) => key is YamlScalarNode scalar
        ? scalar.Value ?? string.Empty
        : throw new InvalidGameSpecException($"{source}: a field name must be a word, not a {(key is YamlSequenceNode ? "list" : "mapping")} (line {key.Start.Line}, column {key.Start.Column})");

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null")
        {
            return null;
        }

        if (bool.TryParse(text, out var flag))
        {
            return JsonValue.Create(flag);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var large))
        {
            return JsonValue.Create(large);
        }

        // Only finite numbers: JSON has no NaN or infinity (writing one throws), and YAML spells them .nan and .inf,
        // so a plain "NaN", "Infinity" or an overflowing "1e999" stays text and is refused by field if a number was due.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(text);
    }
}
