using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansGan.Telemetry.Tests.Dashboards;

/// <summary>One PromQL expression of one panel.</summary>
internal sealed record PanelQuery(string Dashboard, string Panel, string RefId, string Expression)
{
    public override string ToString() => $"{Dashboard} / panel '{Panel}' / query {RefId}";
}

/// <summary>A template variable of a dashboard.</summary>
internal sealed record TemplateVariable(string Name, string Type, string? Query, bool IncludeAll, string? AllValue);

/// <summary>A Grafana dashboard of dashboards/grafana/dashboards/, read as Grafana reads it.</summary>
internal sealed partial class Dashboard
{
    private Dashboard(string file, JsonElement root)
    {
        File = file;
        Root = root;
        Title = root.GetProperty("title").GetString()!;
        Variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => new TemplateVariable(
            v.GetProperty("name").GetString()!,
            v.GetProperty("type").GetString()!,
            v.TryGetProperty("query", out var q) ? (q.ValueKind == JsonValueKind.Object ? q.GetProperty("query").GetString() : q.GetString()) : null,
            v.TryGetProperty("includeAll", out var all) && all.GetBoolean(),
            v.TryGetProperty("allValue", out var allValue) ? allValue.GetString() : null)).ToList();
        Panels = Flatten(root.GetProperty("panels")).ToList();
    }

    public static string Folder => RepositoryFiles.PathOf("dashboards", "grafana", "dashboards");

    /// <summary>The file's name, e.g. training-games.json.</summary>
    public string File { get; }

    public string Title { get; }

    public JsonElement Root { get; }

    public IReadOnlyList<TemplateVariable> Variables { get; }

    /// <summary>Every panel, those inside rows included, rows themselves left out.</summary>
    public IReadOnlyList<JsonElement> Panels { get; }

    public IEnumerable<PanelQuery> Queries => Panels.SelectMany(panel =>
        (panel.TryGetProperty("targets", out var targets) ? targets.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(target => new PanelQuery(File, panel.GetProperty("title").GetString()!,
                target.TryGetProperty("refId", out var refId) ? refId.GetString()! : "?",
                target.TryGetProperty("expr", out var expr) ? expr.GetString() ?? "" : "")));

    public static IReadOnlyList<Dashboard> All() => Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal)
        .Select(path => new Dashboard(Path.GetFileName(path), JsonDocument.Parse(System.IO.File.ReadAllText(path)).RootElement.Clone()))
        .ToList();

    /// <summary>
    /// The expression as Grafana would send it: template variables ($name, ${name}, ${name:format}, [[name]]) replaced
    /// by <paramref name="values"/> and Grafana's interval variables by <paramref name="interval"/>. Throws when a
    /// variable is left that neither knows.
    /// </summary>
    public static string Substitute(string expression, IReadOnlyDictionary<string, string> values, string interval)
    {
        var result = VariableReference().Replace(expression, match =>
        {
            var name = new[] { match.Groups[1], match.Groups[2], match.Groups[3] }.First(g => g.Success).Value;
            if (name is "__rate_interval" or "__interval" or "__range")
            {
                return interval;
            }

            return values.TryGetValue(name, out var value)
                ? value
                : throw new InvalidOperationException($"'{expression}' uses ${name}, which is neither a template variable nor one of Grafana's intervals");
        });
        return result;
    }

    /// <summary>The metric and label of a Prometheus variable query label_values(metric_or_selector, label).</summary>
    public static (string Match, string Label)? LabelValues(string query)
    {
        var match = LabelValuesQuery().Match(query.Trim());
        return match.Success ? (match.Groups[1].Value.Trim(), match.Groups[2].Value) : null;
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement panels)
    {
        foreach (var panel in panels.EnumerateArray())
        {
            if (panel.GetProperty("type").GetString() == "row")
            {
                if (panel.TryGetProperty("panels", out var inner))
                {
                    foreach (var nested in Flatten(inner))
                    {
                        yield return nested;
                    }
                }
            }
            else
            {
                yield return panel;
            }
        }
    }

    [GeneratedRegex(@"\$\{(\w+)(?::\w+)?\}|\$(\w+)|\[\[(\w+)\]\]")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^label_values\((.+),\s*(\w+)\s*\)$")]
    private static partial Regex LabelValuesQuery();
}
