using System.Globalization;
using OrleansGan.Abstractions.Game;
using OrleansGan.Client.Runs;
using Spectre.Console;

namespace OrleansGan.Client.Views;

/// <summary>The end-of-run summary, on the console and as text in the run folder.</summary>
internal static class SummaryView
{
    /// <summary>The summary's rows: what a reader needs to judge whether the game reached an equilibrium.</summary>
    public static IReadOnlyList<(string Name, string Value)> Rows(
        GameStatus status, IReadOnlyList<RoundRecord> rounds, EvaluationRecord? last, string protocol, string loss, string folder)
    {
        var tail = rounds.Skip(Math.Max(0, rounds.Count - FollowedRecords.RecentRounds)).ToList();
        string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
        var rows = new List<(string, string)>
        {
            ("state", status.Error is null ? status.State.ToString().ToLowerInvariant() : $"{status.State.ToString().ToLowerInvariant()}: {status.Error}"),
            ("protocol", protocol),
            ("loss", loss),
            ("rounds", $"{status.RoundsCompleted}/{status.TotalRounds}"),
            ("wall time", $"{status.ElapsedSeconds:F1} s"),
            ("rounds/s", status.ElapsedSeconds > 0 ? (status.RoundsCompleted / status.ElapsedSeconds).ToString("F1", CultureInfo.InvariantCulture) : "-"),
        };
        if (last is not null)
        {
            rows.Add(("modes covered", $"{last.ModesCovered}/{last.ModeCount} (round {last.Round})"));
            rows.Add(("high-quality samples", last.HighQualityFraction.ToString("P1", CultureInfo.InvariantCulture)));
            rows.Add(("D(x) / D(G(z)) held out", $"{F(last.MeanRealScore)} / {F(last.MeanFakeScore)}"));
            if (last.ReverseKl is { } reverseKl)
            {
                rows.Add(("reverse KL (high-quality modes vs uniform)", F(reverseKl)));
            }

            if (last.FrechetDistance is { } distance)
            {
                // For images "modes" are the classifier's classes and "high quality" its confident samples.
                rows.Add(("Fréchet distance", F(distance)));
                rows.Add(("classifier confidence", F(last.MeanConfidence ?? double.NaN)));
            }

            if (last.ClassAccuracy is { } accuracy)
            {
                rows.Add(("class accuracy (G(z, y) classified as y)", accuracy.ToString("P1", CultureInfo.InvariantCulture)));
            }
        }

        if (tail.Count > 0)
        {
            rows.Add(($"J_D (last {FollowedRecords.RecentRounds} rounds)", F(tail.Average(r => r.DiscriminatorLoss))));
            rows.Add(($"J_G (last {FollowedRecords.RecentRounds} rounds)", F(tail.Average(r => r.GeneratorLoss))));
        }

        rows.Add(("results", folder));
        return rows;
    }

    /// <summary>Writes the rows as a table (as "name: value" lines in a pipe), the results folder on a line of its own.</summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<(string Name, string Value)> rows) => TableView.WritePairs(console, rows, "results");

    /// <summary>The rows as "name: value" lines.</summary>
    public static string AsText(IReadOnlyList<(string Name, string Value)> rows) =>
        string.Join(Environment.NewLine, rows.Select(r => $"{r.Name}: {r.Value}")) + Environment.NewLine;
}
