using System.CommandLine;
using System.Globalization;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Client.Hosting;
using OrleansGan.Client.Runs;
using OrleansGan.Client.Views;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Checkpoints;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary>
/// <c>diagnose</c>: what kind of point a game reached. From a run folder (its checkpoints, on an embedded silo) or a
/// game on a cluster, one or several kept rounds are diagnosed in turn: the field and its stationarity test, the
/// spectra of J, H_G and H_D, the verdict, the path-angle and the duality gap; each round's table, CSV files and
/// pictures go into a folder, and a series over the rounds beside them.
/// </summary>
internal static class DiagnoseCommand
{
    public static Command Create(CommandConsoles consoles)
    {
        var run = new Option<DirectoryInfo?>("--run") { Description = "A run folder (run's output): its checkpoints are diagnosed on an embedded silo." };
        var cluster = new ClusterFlags("Gateway host:port of a cluster whose silos hold the game's checkpoints (with --game).", required: false);
        var game = new Option<string?>("--game") { Description = "The game's id on the cluster (run prints it and writes it to game-id.txt)." };
        var rounds = new Option<string?>("--round") { Description = "Rounds with kept checkpoints, e.g. 500,1000,1500 (default: the latest checkpoint)." };
        var from = new Option<int>("--from") { Description = "The path-angle's start: 0 (default) is the players' initialisation, else a round with a kept checkpoint.", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for the results (default: diagnosis-<time> in the run folder, or runs/ for a cluster game). Must not hold files yet." };
        var set = new Option<string[]>("--set") { Description = "Any diagnostics field, as diagnostics.path=value (e.g. diagnostics.dualityGap.steps=0). Repeatable." };
        var eigenvalues = new Option<int?>("--eigenvalues") { Description = "How many eigenvalues of J of largest modulus (diagnostics.eigenvalues)." };
        var batch = new Option<int?>("--batch") { Description = "Samples in the fixed diagnostic batch (diagnostics.batchSize)." };
        var precision = new Option<string?>("--precision") { Description = "float64 or float32 (diagnostics.precision)." };
        var gapSteps = new Option<int?>("--gap-steps") { Description = "Training steps of each duality-gap copy, 0 for none (diagnostics.dualityGap.steps)." };
        var pathPoints = new Option<int?>("--path-points") { Description = "Points of the path-angle, 0 for none (diagnostics.pathAngle.points)." };
        var command = new Command("diagnose", "Is it an equilibrium? Spectra of the game Jacobian and the players' Hessians, the verdict, path-angle and duality gap at kept checkpoints.");
        foreach (var option in new Option[] { run, game, rounds, from, output, set, eigenvalues, batch, precision, gapSteps, pathPoints }.Concat(cluster.All))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancel) =>
        {
            var overrides = new List<KeyValuePair<string, string>>();
            void Flag<T>(Option<T> option, string field)
            {
                if (parse.GetValue(option) is { } value)
                {
                    overrides.Add(KeyValuePair.Create(field, Convert.ToString(value, CultureInfo.InvariantCulture)!));
                }
            }

            string gameId;
            string folder;
            TimeSpan timeout;
            DiagnosticsSpec? options;
            int?[] selected;
            try
            {
                foreach (var assignment in parse.GetValue(set) ?? [])
                {
                    var equals = assignment.IndexOf('=');
                    if (equals <= 0 || !assignment.StartsWith("diagnostics.", StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"--set: '{assignment}' is not diagnostics.path=value (diagnose changes only the diagnostics section)");
                    }

                    overrides.Add(KeyValuePair.Create(assignment[..equals].Trim(), assignment[(equals + 1)..].Trim()));
                }

                Flag(eigenvalues, "diagnostics.eigenvalues");
                Flag(batch, "diagnostics.batchSize");
                Flag(precision, "diagnostics.precision");
                Flag(gapSteps, "diagnostics.dualityGap.steps");
                Flag(pathPoints, "diagnostics.pathAngle.points");
                selected = ParseRounds(parse.GetValue(rounds));
                timeout = cluster.Timeout(parse);
                var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
                if (parse.GetValue(run) is { } runFolder)
                {
                    if (parse.GetValue(cluster.Cluster) is not null || parse.GetValue(game) is not null)
                    {
                        throw new ArgumentException("--run diagnoses a run folder on an embedded silo; --cluster and --game name a game on a cluster: give one or the other");
                    }

                    var path = runFolder.FullName;
                    gameId = File.Exists(Path.Combine(path, "game-id.txt"))
                        ? (await File.ReadAllTextAsync(Path.Combine(path, "game-id.txt"), cancel)).Trim()
                        : throw new ArgumentException($"--run: '{path}' has no game-id.txt; is it a run folder?");
                    GameIds.Check(gameId, Path.Combine(path, "game-id.txt"));
                    options = GameSpecLoader.Load(Path.Combine(path, "spec.json"), overrides).Diagnostics;
                    folder = parse.GetValue(output)?.FullName ?? Path.Combine(path, $"diagnosis-{stamp}");
                }
                else
                {
                    _ = cluster.Gateway(parse) ?? throw new ArgumentException("diagnose needs --run FOLDER, or --cluster host:port with --game ID");
                    gameId = parse.GetValue(game) ?? throw new ArgumentException("--cluster: name the game with --game ID");
                    GameIds.Check(gameId, "--game");
                    options = overrides.Count == 0 ? null : GameSpecLoader.Load(null, overrides).Diagnostics;
                    folder = parse.GetValue(output)?.FullName ?? Path.Combine(Environment.CurrentDirectory, "runs", $"diagnosis-{SafeName(gameId)}-{stamp}");
                }

                if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    throw new ArgumentException($"--out: '{folder}' already exists and is not empty; choose another folder so no earlier results are overwritten");
                }
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidGameSpecException)
            {
                consoles.Errors.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return RunCommand.InvalidInput;
            }

            var embedded = parse.GetValue(run);
            var (connection, exit) = await RunCommand.ConnectAsync(consoles.Errors, embedded is null ? parse.GetValue(cluster.Cluster) : null, timeout,
                embedded is null ? null : CheckpointRoots.Single(Path.Combine(embedded.FullName, "checkpoints")), null, cancel);
            if (connection is null)
            {
                return exit;
            }

            await using (connection)
            {
                return await DiagnoseAsync(consoles, connection.Client, gameId, selected, parse.GetValue(from), options, folder, cancel);
            }
        });
        return command;
    }

    /// <summary>
    /// Diagnoses the rounds in turn, writing each one's files and the series; returns the exit code. Progress and each
    /// round's table go to the output of <paramref name="consoles"/>, why a round could not be diagnosed to its errors.
    /// </summary>
    internal static async Task<int> DiagnoseAsync(
        CommandConsoles consoles, IClusterClient client, string gameId, int?[] rounds, int from, DiagnosticsSpec? options, string folder, CancellationToken cancel)
    {
        var series = new List<Diagnosis>();
        foreach (var round in rounds)
        {
            var observer = new DiagnosisProgressObserver();
            var reference = client.CreateObjectReference<IDiagnosisObserver>(observer);
            try
            {
                var grain = client.GetGrain<IDiagnosisGrain>($"{gameId}/diagnosis-{Guid.NewGuid():N}");
                var title = round is null ? "latest" : $"round {round}";
                var diagnosis = await DiagnosisView.FollowAsync(consoles.Output, observer,
                    grain.DiagnoseAsync(new DiagnosisRequest(gameId, round, from, options), reference, cancel), title);
                var place = rounds.Length == 1 ? folder : Path.Combine(folder, $"round-{diagnosis.Round:D6}");
                DiagnosisFiles.Write(place, diagnosis);
                DiagnosisPictures.Write(place, diagnosis);
                DiagnosisView.Write(consoles.Output, diagnosis, place);
                series.Add(diagnosis);
            }
            catch (OperationCanceledException)
            {
                consoles.Errors.MarkupLine("[yellow]cancelled[/]");
                return RunCommand.Cancelled;
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException)
            {
                consoles.Errors.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return RunCommand.InvalidInput;
            }
            catch (InvalidOperationException e)
            {
                // A missing checkpoint is the user's choice of round; anything else failed on the way.
                consoles.Errors.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return e.Message.Contains("checkpoint", StringComparison.Ordinal) ? RunCommand.InvalidInput : RunCommand.Failed;
            }
            catch (Exception e) when (e is Orleans.Runtime.OrleansException or TimeoutException or Abstractions.Players.PlayerLostException)
            {
                // A silo died under the diagnosis (its copies', or the diagnosis grain's): the point is still in the store.
                consoles.Errors.MarkupLineInterpolated($"[red]error:[/] the diagnosis lost a silo of the cluster ({e.Message}); diagnose the round again");
                return RunCommand.Failed;
            }
            finally
            {
                client.DeleteObjectReference<IDiagnosisObserver>(reference);
            }
        }

        Directory.CreateDirectory(folder);
        await File.WriteAllLinesAsync(Path.Combine(folder, "diagnoses.csv"), series.Select(DiagnosisFiles.SeriesRow).Prepend(DiagnosisFiles.SeriesHeader), cancel);
        if (series.Count > 1)
        {
            DiagnosisPictures.OverRounds(Path.Combine(folder, "over-rounds.png"), series);
        }

        return RunCommand.Finished;
    }

    private static int?[] ParseRounds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [null];
        }

        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r >= 0
                ? (int?)r
                : throw new ArgumentException($"--round: '{t}' is not a round number (e.g. --round 500,1000)"))
            .ToArray();
    }

    private static string SafeName(string id) => new(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
