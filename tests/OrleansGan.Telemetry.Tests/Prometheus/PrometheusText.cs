using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansGan.Telemetry.Tests.Prometheus;

/// <summary>One sample line: a series name, its labels and its value.</summary>
internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A metric family: its name as the TYPE line gives it, its type, help and samples.</summary>
internal sealed record MetricFamily(string Name, string Type, string? Help, IReadOnlyList<Sample> Samples);

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4: every line must be a HELP, TYPE, comment or sample
/// line of the right shape; names, label names and escapes must be valid; a family's TYPE and HELP come at most once
/// and before its samples; a family's samples are contiguous; no series repeats; histograms have ascending buckets
/// with non-decreasing counts, a +Inf bucket equal to _count, and a _sum. Any violation throws, naming the line.
/// </summary>
internal static partial class PrometheusText
{
    private static readonly HashSet<string> Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static IReadOnlyDictionary<string, MetricFamily> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the exposition does not end with a line feed");
        }

        var types = new Dictionary<string, string>();
        var helps = new Dictionary<string, string>();
        var samples = new Dictionary<string, List<Sample>>();
        var order = new List<string>();
        var series = new HashSet<string>();
        string? current = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var line = lines[i];
            var where = $"line {i + 1} ('{line}')";
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var meta = MetaLine().Match(line);
                if (!meta.Success)
                {
                    continue; // a plain comment
                }

                var (keyword, name, rest) = (meta.Groups[1].Value, meta.Groups[2].Value, meta.Groups[3].Value);
                if (samples.ContainsKey(name))
                {
                    throw new FormatException($"{where}: {keyword} of '{name}' after its samples");
                }

                if (keyword == "TYPE")
                {
                    if (!Types.Contains(rest))
                    {
                        throw new FormatException($"{where}: unknown type '{rest}'");
                    }

                    if (!types.TryAdd(name, rest))
                    {
                        throw new FormatException($"{where}: a second TYPE for '{name}'");
                    }
                }
                else if (!helps.TryAdd(name, Unescape(rest, help: true, where)))
                {
                    throw new FormatException($"{where}: a second HELP for '{name}'");
                }

                continue;
            }

            Sample sample;
            try
            {
                sample = ParseSample(line, where);
            }
            catch (IndexOutOfRangeException)
            {
                throw new FormatException($"{where}: the line ends inside a sample");
            }

            var family = FamilyOf(sample.Name, types);
            if (family != current)
            {
                if (samples.ContainsKey(family))
                {
                    throw new FormatException($"{where}: the samples of '{family}' are not contiguous");
                }

                samples[family] = [];
                order.Add(family);
                current = family;
            }

            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
            if (!series.Add(key))
            {
                throw new FormatException($"{where}: the series {key} appears twice");
            }

            samples[family].Add(sample);
        }

        var families = order.ToDictionary(f => f, f => new MetricFamily(f, types.GetValueOrDefault(f, "untyped"), helps.GetValueOrDefault(f), samples[f]));
        foreach (var histogram in families.Values.Where(f => f.Type == "histogram"))
        {
            CheckHistogram(histogram);
        }

        return families;
    }

    private static string FamilyOf(string sample, Dictionary<string, string> types)
    {
        if (types.ContainsKey(sample))
        {
            return sample;
        }

        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sample.EndsWith(suffix, StringComparison.Ordinal)
                && types.TryGetValue(sample[..^suffix.Length], out var type)
                && (type == "histogram" || (type == "summary" && suffix != "_bucket")))
            {
                return sample[..^suffix.Length];
            }
        }

        return sample;
    }

    private static Sample ParseSample(string line, string where)
    {
        var name = MetricName().Match(line);
        if (!name.Success)
        {
            throw new FormatException($"{where}: no valid metric name");
        }

        var position = name.Length;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var label = LabelName().Match(line, position);
                if (!label.Success || label.Index != position)
                {
                    throw new FormatException($"{where}: invalid label name at column {position + 1}");
                }

                position += label.Length;
                if (line.Length < position + 2 || line[position] != '=' || line[position + 1] != '"')
                {
                    throw new FormatException($"{where}: expected =\" after label '{label.Value}'");
                }

                position += 2;
                var start = position;
                while (position < line.Length && line[position] != '"')
                {
                    position += line[position] == '\\' ? 2 : 1;
                }

                if (position >= line.Length)
                {
                    throw new FormatException($"{where}: unterminated value of label '{label.Value}'");
                }

                if (!labels.TryAdd(label.Value, Unescape(line[start..position], help: false, where)))
                {
                    throw new FormatException($"{where}: label '{label.Value}' twice");
                }

                position++;
                if (line[position] == ',')
                {
                    position++;
                }
                else if (line[position] != '}')
                {
                    throw new FormatException($"{where}: expected , or }} after label '{label.Value}'");
                }
            }

            position++;
        }

        var rest = line[position..];
        var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!rest.StartsWith(' ') || parts.Length is < 1 or > 2)
        {
            throw new FormatException($"{where}: expected ' value [timestamp]' after the series");
        }

        if (parts.Length == 2 && !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"{where}: the timestamp '{parts[1]}' is not an integer");
        }

        return new Sample(name.Value, labels, ParseValue(parts[0], where));
    }

    private static double ParseValue(string text, string where) => text.ToUpperInvariant() switch
    {
        "NAN" => double.NaN,
        "+INF" or "INF" => double.PositiveInfinity,
        "-INF" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{where}: '{text}' is not a value"),
    };

    private static string Unescape(string text, bool help, string where)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                result.Append(text[i]);
                continue;
            }

            var next = i + 1 < text.Length ? text[++i] : '\0';
            result.Append(next switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when !help => '"',
                _ => throw new FormatException($"{where}: invalid escape '\\{next}'"),
            });
        }

        return result.ToString();
    }

    private static void CheckHistogram(MetricFamily family)
    {
        static string Key(Sample s) => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        foreach (var group in family.Samples.GroupBy(Key))
        {
            var name = $"{family.Name}{{{group.Key}}}";
            var buckets = group.Where(s => s.Name == family.Name + "_bucket").ToList();
            var count = group.SingleOrDefault(s => s.Name == family.Name + "_count")
                ?? throw new FormatException($"histogram {name} has no _count");
            _ = group.SingleOrDefault(s => s.Name == family.Name + "_sum") ?? throw new FormatException($"histogram {name} has no _sum");
            var bounds = buckets.Select(b => b.Labels.TryGetValue("le", out var le) ? ParseValue(le, name) : throw new FormatException($"a bucket of {name} has no le")).ToList();
            if (bounds.Count == 0 || !double.IsPositiveInfinity(bounds[^1]))
            {
                throw new FormatException($"histogram {name} does not end with a +Inf bucket");
            }

            for (var i = 1; i < buckets.Count; i++)
            {
                if (bounds[i] <= bounds[i - 1] || buckets[i].Value < buckets[i - 1].Value)
                {
                    throw new FormatException($"histogram {name}: bucket le={bounds[i]} is out of order or holds fewer than the one before");
                }
            }

            if (buckets[^1].Value != count.Value)
            {
                throw new FormatException($"histogram {name}: the +Inf bucket ({buckets[^1].Value}) differs from _count ({count.Value})");
            }
        }
    }

    [GeneratedRegex(@"^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$")]
    private static partial Regex MetaLine();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();
}
