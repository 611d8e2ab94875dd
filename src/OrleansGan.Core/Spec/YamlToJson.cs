using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Scalar = YamlDotNet.Core.Events.Scalar;

namespace OrleansGan.Core.Spec;

/// <summary>
/// Turns YAML (and so JSON) text into a JSON tree; plain scalars that read as numbers or booleans become them.
/// The tree is built from YamlDotNet's parsing events with a stack of our own rather than by its representation
/// model, which recurses once per level (100,000 brackets overflow the stack) and expands aliases without limit: here
/// depth, size after alias expansion and recursive aliases are refused as they are met, naming the bound
/// (<see cref="SpecLimits"/>) and the place, before the parser reads further.
/// </summary>
internal static class YamlToJson
{
    private static readonly System.Buffers.SearchValues<char> Printable = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x10000).Select(c => (char)c)
            .Where(c => c is '\t' or '\n' or '\r' or '\u0085' || (c >= ' ' && c != '\u007F' && !(c >= '\u0080' && c <= '\u009F') && c is not ('\uFFFE' or '\uFFFF')))));

    public static JsonNode? Parse(string text, string source)
    {
        if (text.Length > SpecLimits.MaxBytes)
        {
            throw new InvalidGameSpecException($"{source}: {text.Length:N0} characters is more than a spec may hold ({SpecLimits.MaxBytes:N0})");
        }

        // YAML's character set excludes the C0 and C1 controls but tab and line breaks (YamlDotNet stops at a NUL, so
        // a binary file would read as an empty spec).
        var control = text.AsSpan().IndexOfAnyExcept(Printable);
        if (control >= 0)
        {
            var line = text.AsSpan(0, control).Count('\n') + 1;
            var column = control - text.LastIndexOf('\n', Math.Max(0, control - 1));
            throw new InvalidGameSpecException($"{source}: line {line}, column {column}: holds the control character U+{(int)text[control]:X4}; a spec is text");
        }

        try
        {
            return new Builder(source).Build(new Parser(new StringReader(text)));
        }
        catch (YamlException e)
        {
            throw new InvalidGameSpecException($"{source}: not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
    }

    /// <summary>
    /// One value as a command-line flag gives it ("0.5", "[64,64]", "cuda:1", "null"); errors name
    /// <paramref name="field"/>. Empty text is the empty string, not null.
    /// </summary>
    public static JsonNode? ParseValue(string text, string field) => text.Trim().Length == 0 ? JsonValue.Create(text) : Parse(text, field);

    private sealed class Builder(string source)
    {
        private readonly Stack<Frame> _open = new();
        private readonly Dictionary<string, (JsonNode? Node, int Size)> _anchors = new(StringComparer.Ordinal);
        private int _nodes;
        private JsonNode? _root;

        // In a mapping whose next event is a field name.
        private bool KeyDue => _open.TryPeek(out var frame) && frame.Node is JsonObject && frame.Key is null;

        public JsonNode? Build(Parser parser)
        {
            var documents = 0;
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart start:
                        if (++documents > 1)
                        {
                            throw Refuse(start.Start, "holds more than one YAML document (a second one begins here); a spec is one document");
                        }

                        break;
                    case Scalar scalar:
                        Add(scalar, Scalar(scalar), scalar.Anchor, 1);
                        break;
                    case AnchorAlias alias when KeyDue:
                        throw Refuse(alias.Start, "a field name must be a word, not an alias");
                    case AnchorAlias alias:
                        Add(alias, Expand(alias), AnchorName.Empty, 0);
                        break;
                    case MappingStart mapping:
                        Open(mapping, new JsonObject(), mapping.Anchor);
                        break;
                    case SequenceStart sequence:
                        Open(sequence, new JsonArray(), sequence.Anchor);
                        break;
                    case MappingEnd or SequenceEnd:
                        var frame = _open.Pop();
                        Remember(frame.Anchor, frame.Node, _nodes - frame.NodesBefore);
                        Attach(frame.Node);
                        break;
                }
            }

            return _root;
        }

        private void Open(ParsingEvent start, JsonNode node, AnchorName anchor)
        {
            if (_open.Count >= SpecLimits.MaxDepth)
            {
                throw Refuse(start.Start, $"nests more than {SpecLimits.MaxDepth} levels deep, more than a spec may");
            }

            if (KeyDue)
            {
                // YAML allows lists and mappings as keys ("? [a, b]"); a spec's field names are words.
                throw Refuse(start.Start, $"a field name must be a word, not a {(start is SequenceStart ? "list" : "mapping")}");
            }

            Count(start, 1);
            _open.Push(new Frame(node, anchor.IsEmpty ? null : anchor.Value, _nodes - 1));
        }

        private void Add(ParsingEvent at, JsonNode? node, AnchorName anchor, int size)
        {
            if (KeyDue && at is Scalar key)
            {
                var frame = _open.Peek();
                if (((JsonObject)frame.Node).ContainsKey(key.Value))
                {
                    throw Refuse(at.Start, $"field '{key.Value}' is given twice");
                }

                frame.Key = key.Value;
                return;
            }

            Count(at, size);
            Remember(anchor, node, size);
            Attach(node);
        }

        private void Attach(JsonNode? node)
        {
            if (!_open.TryPeek(out var parent))
            {
                _root = node;
                return;
            }

            if (parent.Node is JsonArray list)
            {
                list.Add(node);
                return;
            }

            ((JsonObject)parent.Node)[parent.Key!] = node;
            parent.Key = null;
        }

        private JsonNode? Expand(AnchorAlias alias)
        {
            var name = alias.Value.Value;
            if (_open.Any(f => f.Anchor == name))
            {
                throw Refuse(alias.Start, $"alias *{name} refers to the value that contains it, which would never end");
            }

            if (!_anchors.TryGetValue(name, out var anchored))
            {
                throw Refuse(alias.Start, $"alias *{name} has no anchor &{name} before it");
            }

            Count(alias, anchored.Size);
            return anchored.Node?.DeepClone();
        }

        private void Remember(AnchorName anchor, JsonNode? node, int size)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = (node, size);
            }
        }

        private void Count(ParsingEvent at, int size)
        {
            _nodes += size;
            if (_nodes > SpecLimits.MaxNodes)
            {
                throw Refuse(at.Start, $"expands to more than {SpecLimits.MaxNodes:N0} values (aliases count each time they are used), more than a spec may hold");
            }
        }

        private InvalidGameSpecException Refuse(Mark at, string problem) =>
            new($"{source}: line {at.Line}, column {at.Column}: {problem}");

        private sealed class Frame(JsonNode node, string? anchor, int nodesBefore)
        {
            public JsonNode Node { get; } = node;

            public string? Anchor { get; } = anchor;

            public int NodesBefore { get; } = nodesBefore;

            /// <summary>In a mapping, the field whose value comes next; null while a field name is due.</summary>
            public string? Key { get; set; }
        }
    }

    private static JsonNode? Scalar(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded
            || (!scalar.Tag.IsEmpty && scalar.Tag.Value == "tag:yaml.org,2002:str"))
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
