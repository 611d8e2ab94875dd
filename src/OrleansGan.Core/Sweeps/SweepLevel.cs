using System.Text.Json.Nodes;

namespace OrleansGan.Core.Sweeps;

/// <summary>One value of an axis: its label (what tables and folders call it) and the spec fields it sets, in order.</summary>
/// <param name="Label">The value as written ("alternating(1,1)", "3", "label-smoothing").</param>
/// <param name="Fields">Dotted spec paths and their values (a mapping for a section sets only the fields it names).</param>
public sealed record SweepLevel(string Label, IReadOnlyList<KeyValuePair<string, JsonNode?>> Fields);
