using System.CommandLine;
using System.Globalization;
using System.Text;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Client.Runs;
using OrleansGan.Client.Views;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Theory;
using OrleansGan.Grains.Theory;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary>
/// <c>analyze</c>: for games with known answers (bilinear, Dirac-GAN), predicts each protocol's behaviour near the
/// equilibrium from the eigenvalues of its update map, plays it on the player grains, measures the rate, and draws
/// the trajectories over the game's vector field.
/// </summary>
internal static class AnalyzeCommand
{
    private static readonly string[] DefaultProtocols =
        ["simultaneous", "alternating(1,1)", "two-time-scale", "optimistic", "extragradient", "unrolled(5)", "unrolled-stop-gradient(5)", "consensus(0.5)"];

    public static Command Create(CommandConsoles consoles)
    {
        var games = new Option<string[]>("--games") { Description = $"Games ({string.Join(", ", KnownGame.All.Select(g => g.Name))}).", DefaultValueFactory = _ => ["bilinear", "dirac-non-saturating"], AllowMultipleArgumentsPerToken = true };
        var protocols = new Option<string[]>("--protocols") { Description = "Protocols, as --protocol of run takes them.", DefaultValueFactory = _ => DefaultProtocols, AllowMultipleArgumentsPerToken = true };
        var rates = FlagParsers.Numbers<double>("--lr", "Learning rates of plain SGD (the discriminator's is doubled under two-time-scale).", _ => [0.1, 0.5]);
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for the table and pictures (default: runs/analysis-<time>). Must not hold files yet." };
        var cluster = new ClusterFlags("A running cluster: its gateways host:port[,host:port...] or redis://host:port of its membership; without it the games run on an embedded silo.", required: false);
        var command = new Command("analyze", "Predict each protocol's convergence on the bilinear game and the Dirac-GAN, measure it on the grains, draw the trajectories.");
        foreach (var option in new Option[] { games, protocols, rates, output }.Concat(cluster.All))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancel) => ExecuteAsync(consoles, parse, parse.GetValue(games)!, parse.GetValue(protocols)!, parse.GetValue(rates)!,
            parse.GetValue(output), cluster, cancel));
        return command;
    }

    private static async Task<int> ExecuteAsync(CommandConsoles consoles, ParseResult parse, string[] gameNames, string[] protocolNames, double[] rates,
        DirectoryInfo? output, ClusterFlags clusterFlags, CancellationToken cancel)
    {
        List<KnownGame> games;
        List<ProtocolSpec> protocols;
        string? cluster;
        try
        {
            games = gameNames.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(KnownGame.Named).ToList();
            protocols = protocolNames.SelectMany(SplitProtocols).Select(ParseProtocol).ToList();
            if (rates.Length == 0 || rates.Any(r => !(double.IsFinite(r) && r > 0)))
            {
                throw new ArgumentException($"--lr: learning rates must be positive (got {string.Join(", ", rates)})");
            }

            if (games.Count == 0 || protocols.Count == 0)
            {
                throw new ArgumentException(games.Count == 0 ? "--games: name at least one game" : "--protocols: name at least one protocol");
            }

            cluster = clusterFlags.Gateway(parse);
        }
        catch (Exception e) when (e is ArgumentException or Core.Spec.InvalidGameSpecException)
        {
            return RunCommand.Refuse(consoles.Errors, e);
        }

        var folder = output?.FullName ?? Path.Combine(Environment.CurrentDirectory, "runs", $"analysis-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        bool created;
        try
        {
            created = RunFolder.Reserve(folder);
        }
        catch (ArgumentException e)
        {
            return RunCommand.Refuse(consoles.Errors, e);
        }

        var (connected, exit) = await RunCommand.ConnectAsync(consoles.Errors, cluster, clusterFlags.Timeout(parse), CheckpointRoots.Single(Path.Combine(folder, "checkpoints")), null, cancel);
        if (connected is null)
        {
            RunFolder.Abandon(folder, created);
            return exit;
        }

        await using var connection = connected;
        var table = new List<string[]>();
        var markdown = new StringBuilder("| game | lr | protocol | eigenvalues of the update map | predicted rho | verdict | measured rho (rounds) | difference |\n|---|---:|---|---|---:|---|---:|---:|\n");
        var csv = new StringBuilder("game,learning_rate,protocol,predicted_spectral_radius,verdict,measured_rate,rounds_measured,difference,eigenvalues\n");
        var worst = 0.0;
        var run = 0;
        var cancelled = false;
        try
        {
            foreach (var game in games)
            {
                foreach (var rate in rates)
                {
                    var panels = new List<(string, StabilityPrediction, IReadOnlyList<IReadOnlyList<double>>)>();
                    foreach (var protocol in protocols)
                    {
                        cancel.ThrowIfCancellationRequested();
                        var spec = game.Spec(protocol, rate, KnownGameTrial.Start, KnownGameTrial.Rounds);
                        var prediction = StabilityPrediction.Of(UpdateMap.Jacobian(spec, [0, 0]));
                        var id = $"analysis-{Guid.NewGuid():N}-{run++}";
                        string measured, rounds, difference;
                        try
                        {
                            var outcome = await KnownGameTrial.RunAsync(connection.Client, id, spec);
                            var gap = Math.Abs(outcome.Rate - prediction.SpectralRadius);
                            worst = Math.Max(worst, gap);
                            (measured, rounds, difference) = (F(outcome.Rate, 6), outcome.RoundsMeasured.ToString(CultureInfo.InvariantCulture), gap.ToString("E1", CultureInfo.InvariantCulture));
                        }
                        catch (InvalidOperationException e)
                        {
                            (measured, rounds, difference) = ("-", "-", e.Message.ReplaceLineEndings(" "));
                        }

                        table.Add([game.Name, F(rate, 3), protocol.ToString(), F(prediction.SpectralRadius, 6), prediction.Verdict, measured, difference]);
                        markdown.AppendLine($"| {game.Name} | {F(rate, 3)} | {protocol} | {prediction.EigenvaluesText()} | {F(prediction.SpectralRadius, 6)} | {prediction.Verdict} | {measured} ({rounds}) | {difference.Replace("|", "\\|", StringComparison.Ordinal)} |");
                        csv.AppendLine(string.Join(',', game.Name, F(rate, 6), protocol.ToString().Replace(",", ";", StringComparison.Ordinal), F(prediction.SpectralRadius, 9),
                            prediction.Verdict, measured, rounds, CsvField(difference), prediction.EigenvaluesText()));

                        // The picture starts far enough out to be seen, over a few hundred rounds.
                        var picture = game.Spec(protocol, rate, 0.5, 300);
                        var (trajectory, _) = await KnownGameTrial.PlayAsync(connection.Client, $"{id}-picture", picture);
                        panels.Add((protocol.ToString(), prediction, trajectory));
                    }

                    var field = game.Spec(new ProtocolSpec(ProtocolKind.Simultaneous, 1, 1, 0, 0), 1.0, 0, 1);
                    PhasePortrait.Save(Path.Combine(folder, $"phase-{game.Name}-lr{F(rate, 3)}.png"), (t, p) =>
                    {
                        var next = UpdateMap.Apply(field, [t, p]);
                        return (next[0] - t, next[1] - p);
                    }, panels, 1.0);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Ctrl+C: the rows measured so far are written all the same.
            cancelled = true;
        }

        TableView.Write(consoles.Output, ["game", "lr", "protocol", "predicted rho", "verdict", "measured rho", "|difference|"], table, 0, 2);
        await File.WriteAllTextAsync(Path.Combine(folder, "analysis.csv"), csv.ToString(), CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(folder, "analysis.md"), markdown.ToString(), CancellationToken.None);
        consoles.Output.MarkupLineInterpolated($"largest |measured - predicted| = {worst:E2}{(cancelled ? $" over the {table.Count} rows measured before Ctrl+C" : "")}");
        WholeLine.Write(consoles.Output, $"results: {folder}");
        return cancelled ? RunCommand.Cancelled : RunCommand.Finished;
    }

    private static IEnumerable<string> SplitProtocols(string text)
    {
        // Split on commas outside parentheses: "alternating(1,1),consensus(0.5)".
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    // The protocol's fields go through the spec loader, so they are validated and named as in run; the known game
    // sets the learning rates itself, so any two differing ones satisfy two-time-scale here.
    private static ProtocolSpec ParseProtocol(string text)
    {
        var overrides = SpecFlags.ProtocolOverrides(text.Trim()).ToList();
        var spec = Core.Spec.GameSpecLoader.Load(null, overrides.Prepend(KeyValuePair.Create("protocol.unrollSteps", "5")).Prepend(KeyValuePair.Create("protocol.consensusWeight", "0.5"))
            .Append(KeyValuePair.Create("discriminator.optimizer.learningRate", "2e-3")));
        return spec.Protocol;
    }

    // RFC 4180: a field with a comma or a quote is quoted, its quotes doubled.
    private static string CsvField(string text) =>
        text.IndexOfAny([',', '"']) < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static string F(double value, int digits) => value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
