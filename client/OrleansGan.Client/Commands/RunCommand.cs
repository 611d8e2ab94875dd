using System.CommandLine;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Client.Hosting;
using OrleansGan.Client.Runs;
using OrleansGan.Client.Views;
using OrleansGan.Core.Data;
using OrleansGan.Core.Devices;
using OrleansGan.Core.Native;
using OrleansGan.Core.Randomness;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Tensors;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary><c>run</c>: plays one game from a spec and flags, and leaves its results in a run folder.</summary>
internal static class RunCommand
{
    /// <summary>Exit codes a script can act on.</summary>
    public const int Finished = 0, InvalidInput = 2, Diverged = 3, Failed = 4, Cancelled = 130;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static Command Create(IAnsiConsole console)
    {
        var flags = new SpecFlags();
        var output = new Option<DirectoryInfo?>("--out") { Description = "Run folder (default: runs/<name>-<time>). Must not hold files yet." };
        var cluster = new Option<string?>("--cluster") { Description = "Gateway host:port of a running cluster; without it the game runs on an embedded silo." };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Serve the embedded silo's metrics at http://127.0.0.1:PORT/metrics (Prometheus format) while the game runs." };
        var command = new Command("run", "Play a GAN training game and write its results (spec, CSV metrics, pictures).");
        foreach (var option in flags.All.Append(output).Append(cluster).Append(metricsPort))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancel) => ExecuteAsync(console, flags, parse, parse.GetValue(output), parse.GetValue(cluster), parse.GetValue(metricsPort), cancel));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        IAnsiConsole console, SpecFlags flags, ParseResult parse, DirectoryInfo? output, string? cluster, int? metricsPort, CancellationToken cancel)
    {
        GameSpec spec;
        try
        {
            spec = GameSpecLoader.Load(parse.GetValue(flags.Spec)?.FullName, flags.Overrides(parse));
            if (metricsPort is { } port && (port is < 1 or > 65535 || cluster is not null))
            {
                throw new ArgumentException(cluster is null
                    ? $"--metrics-port: {port} is not a port (1-65535)"
                    : "--metrics-port: only the embedded silo serves metrics from this process; a cluster's silos serve their own (Telemetry:Port)");
            }

            if (cluster is not null)
            {
                GameConnection.ParseGateway(cluster);
            }
            else
            {
                TorchRuntime.EnsureLoaded();
                foreach (var (field, device) in new[] { ("generator.device", spec.Generator.Device), ("discriminator.device", spec.Discriminator.Device) })
                {
                    if (DeviceName.Unavailable(device) is { } problem)
                    {
                        throw new InvalidGameSpecException($"{field}: {problem}");
                    }
                }
            }
        }
        catch (Exception e) when (e is InvalidGameSpecException or ArgumentException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return InvalidInput;
        }

        var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var folderPath = output?.FullName ?? Path.Combine(Environment.CurrentDirectory, "runs", $"{spec.Name}-{stamp}");
        GameConnection connection;
        try
        {
            connection = cluster is null
                ? await GameConnection.EmbeddedAsync(Path.Combine(folderPath, "checkpoints"), cancel, metricsPort)
                : await GameConnection.ConnectAsync(cluster, cancel);
        }
        catch (InvalidOperationException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return Failed;
        }

        await using (connection)
        {
            RunFolder folder;
            try
            {
                folder = RunFolder.Create(folderPath, spec);
            }
            catch (IOException e)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return InvalidInput;
            }

            using (folder)
            {
                var gameId = $"{spec.Name}-{stamp}-{Guid.NewGuid().ToString("N")[..6]}";
                console.MarkupLineInterpolated($"[grey]game {gameId}: {spec.Protocol}, {KebabName(spec.Loss)} loss, {spec.Rounds} rounds on the {connection.Description}[/]");
                folder.WriteText("game-id.txt", gameId + Environment.NewLine);
                var game = connection.Client.GetGrain<IGameGrain>(gameId);
                return await PlayAsync(console, game, spec, folder, () => game.StartAsync(spec), cancel);
            }
        }
    }

    /// <summary>Starts (or resumes) the game with <paramref name="start"/>, shows its progress and writes its results.</summary>
    internal static async Task<int> PlayAsync(IAnsiConsole console, IGameGrain game, GameSpec spec, RunFolder folder, Func<Task> start, CancellationToken cancel)
    {
        // Only the 2-D mixtures are drawn over a real sample; image data is drawn from the evaluations' sample grids.
        var mixture = spec.Data.Kind == DataKind.Mnist ? null : GaussianMixture.For(spec.Data);
        var realSample = Array.Empty<float>();
        TorchRuntime.EnsureLoaded(); // the real sample drawn here needs the native layer, embedded silo or not
        if (mixture is { Dimension: 2 })
        {
            using var stream = new TorchSharp.torch.Generator(PlayerSeeds.EvaluationReal(spec.Seed));
            using var real = mixture.Sample(spec.Evaluation.Samples, stream, TorchSharp.torch.CPU);
            realSample = TensorCodec.ToArray(TensorCodec.ToMessage(real));
        }

        await start();
        var rounds = new List<RoundRecord>();
        var evaluations = new List<EvaluationRecord>();
        var diagnoses = new List<Abstractions.Diagnostics.Diagnosis>();
        var cancelSent = false;
        GameStatus status = null!;
        await new ProgressView(console).ShowAsync(spec.Rounds, async report =>
        {
            if (cancel.IsCancellationRequested && !cancelSent)
            {
                cancelSent = true;
                await game.CancelAsync();
            }

            status = await game.GetStatusAsync(rounds.Count, evaluations.Count);
            rounds.AddRange(status.NewRounds);
            folder.Append(status.NewRounds);
            foreach (var evaluation in status.NewEvaluations)
            {
                evaluations.Add(evaluation);
                folder.Append(evaluation);
                if (mixture is { Dimension: 2 })
                {
                    Pictures.Samples(folder.PathOf($"samples-round-{evaluation.Round:D6}.png"), evaluation, mixture, spec.Evaluation.QualityStds, realSample);
                }

                if (evaluation.SampleGrid is not null)
                {
                    DigitPictures.Grid(folder.PathOf($"digits-round-{evaluation.Round:D6}.png"), evaluation);
                    DigitPictures.Progress(folder.PathOf("digits-progress.png"), evaluations);
                }
            }

            if (status.Diagnoses > diagnoses.Count)
            {
                foreach (var diagnosis in await game.GetDiagnosesAsync(diagnoses.Count))
                {
                    diagnoses.Add(diagnosis);
                    folder.Append(diagnosis);
                }
            }

            var text = ProgressView.Describe(status, rounds.LastOrDefault(), evaluations.LastOrDefault());
            report(status.RoundsCompleted, diagnoses.Count == 0 ? text : $"{text}  diagnosed round {diagnoses[^1].Round}: {diagnoses[^1].Verdict.Classification}");
            var caughtUp = status.NewRounds.Count == 0 && status.NewEvaluations.Count == 0 && status.Diagnoses == diagnoses.Count;
            if (status.IsOver && caughtUp)
            {
                return false;
            }

            if (caughtUp)
            {
                await Task.Delay(PollInterval, CancellationToken.None);
            }

            return true;
        });

        if (rounds.Count > 0)
        {
            Pictures.Curves(folder.PathOf("curves.png"), rounds, evaluations);
        }

        if (diagnoses.Count > 1)
        {
            DiagnosisPictures.OverRounds(folder.PathOf("diagnoses-over-rounds.png"), diagnoses);
        }

        var rows = SummaryView.Rows(status, rounds, evaluations.LastOrDefault(), spec.Protocol.ToString(), KebabName(spec.Loss), folder.Path);
        folder.WriteText("summary.txt", SummaryView.AsText(rows));
        SummaryView.Write(console, rows);
        return status.State switch
        {
            GameState.Finished => Finished,
            GameState.Diverged => Diverged,
            GameState.Cancelled => Cancelled,
            _ => Failed,
        };
    }

    private static string KebabName(LossKind loss) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(loss.ToString());
}
