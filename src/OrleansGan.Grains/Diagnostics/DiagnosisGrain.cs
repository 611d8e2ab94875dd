using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Diagnostics;
using OrleansGan.Core.Randomness;
using OrleansGan.Core.Spec;

namespace OrleansGan.Grains.Diagnostics;

/// <summary>
/// Diagnoses one point of a game from its checkpoint store: it seats copies of the players (placement chooses
/// where), and in turn takes the field and its stationarity test, checks whether the game is zero-sum, finds the
/// extreme eigenvalues of J (Arnoldi) and of H_G and H_D (Lanczos), and for a zero-sum game the Schur complement's,
/// classifies the point, and traces the path-angle from the start point; the duality gap's copies train meanwhile on
/// seats of their own.
/// </summary>
public sealed class DiagnosisGrain(ICheckpointStore checkpoints, ILogger<DiagnosisGrain> logger) : Grain, IDiagnosisGrain
{
    /// <inheritdoc />
    public async Task<Diagnosis> DiagnoseAsync(DiagnosisRequest request, IDiagnosisObserver? observer, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var point = await LoadAsync(request.GameId, request.Round);
        var spec = point.Spec;
        var options = request.Options ?? spec.Diagnostics
            ?? throw new ArgumentException($"game {request.GameId}'s spec has no diagnostics section; give the options");
        if (DiagnosticsSpecValidator.Problems(options, Math.Max(1, spec.Discriminator.Pack)) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }

        GameCheckpoint? start = null;
        if (options.PathAngle.Points > 0 && request.FromRound != 0)
        {
            if (request.FromRound < 0 || request.FromRound >= point.Round)
            {
                throw new ArgumentException($"the path-angle's start round {request.FromRound} must lie before the diagnosed round {point.Round} (0 is the initialisation)");
            }

            start = await LoadAsync(request.GameId, request.FromRound);
        }

        var key = this.GetPrimaryKeyString();
        var copies = new PlayerCopies(GrainFactory);
        var stages = EquilibriumDiagnoser.Requests.Count + 2 + (options.PathAngle.Points > 0 ? 1 : 0) + (options.DualityGap.Steps > 0 ? 1 : 0);
        var reporter = new DiagnosisReporter(observer, stages);
        var generatorState = new PlayerState(point.Generator);
        var discriminatorState = new PlayerState(point.Discriminator);
        using var gapCancel = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var gap = options.DualityGap.Steps > 0
            ? reporter.StageAsync("duality gap", DualityGapEstimator.TotalSteps(options.DualityGap), onStep =>
                new DualityGapEstimator(copies).EstimateAsync(key, spec, point.Round, generatorState, discriminatorState, options.DualityGap, onStep, gapCancel.Token))
            : null;
        try
        {
            var local = await DiagnoseLocallyAsync(request.GameId, key, copies, reporter, spec, point, start, options, cancel);
            var (plain, perturbed) = gap is null ? (null, null) : await gap;
            logger.LogInformation("Game {Game} round {Round} diagnosed in {Seconds:F1} s: {Verdict}", request.GameId, point.Round, clock.Elapsed.TotalSeconds, local.Verdict.Classification);
            return local with { DualityGap = plain, PerturbedDualityGap = perturbed, Seconds = clock.Elapsed.TotalSeconds };
        }
        catch (Exception e)
        {
            if (gap is not null)
            {
                // Stop the duality gap's copies and let them leave before the failure is reported.
                await gapCancel.CancelAsync();
                await Task.WhenAny(gap);
            }

            // The failure travels to the client, which may not know the exception's type (a MathNet one, say). A lost
            // silo keeps its Orleans type, so that a game diagnosing itself recovers from it as from a lost player.
            if (e is ArgumentException or InvalidOperationException or InvalidDataException or OperationCanceledException || Game.RecoveryPolicy.IsPlayerLoss(e))
            {
                throw;
            }

            logger.LogError(e, "Diagnosis of game {Game} failed", request.GameId);
            throw new InvalidOperationException($"the diagnosis of game {request.GameId} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<Diagnosis> DiagnoseLocallyAsync(
        string gameId, string key, PlayerCopies copies, DiagnosisReporter reporter, GameSpec spec, GameCheckpoint point, GameCheckpoint? start, DiagnosticsSpec options,
        CancellationToken cancel)
    {
        var seatKey = $"{key}/probe";
        var pair = await copies.SeatAsync(seatKey, spec);
        ProbedGame? game = null;
        try
        {
            // Freshly seated with the game's setups, the copies hold the players' initialisation: the path-angle's
            // default start, saved before the point is restored.
            var initialGenerator = await pair.Generator.SaveStateAsync();
            var initialDiscriminator = await pair.Discriminator.SaveStateAsync();
            await pair.Generator.RestoreStateAsync(new PlayerState(point.Generator));
            await pair.Discriminator.RestoreStateAsync(new PlayerState(point.Discriminator));

            var batch = new DiagnosticBatch(options.BatchSize, options.Chunks, PlayerSeeds.DiagnosticLatent(spec.Seed), PlayerSeeds.DiagnosticReal(spec.Seed));
            var sizes = await Task.WhenAll(
                pair.Generator.OpenProbeAsync(new ProbeSetup(batch, 1, options.Precision)),
                pair.Discriminator.OpenProbeAsync(new ProbeSetup(batch, 1, options.Precision)));
            game = await ProbedGame.OpenAsync(pair.Generator, pair.Discriminator, new ProbeSetup(batch, 0, options.Precision),
                EquilibriumDiagnoser.SlotsFor(options, sizes[0], sizes[1]));
            var findings = await EquilibriumDiagnoser.DiagnoseAsync(game, options, spec.Seed, point.Round, reporter, cancel);

            PathAngle? path = null;
            if (options.PathAngle.Points > 0)
            {
                var (g, d, round) = start is null
                    ? (initialGenerator, initialDiscriminator, 0)
                    : (new PlayerState(start.Generator), new PlayerState(start.Discriminator), start.Round);
                path = await reporter.StageAsync("path-angle", options.PathAngle.Points, onPoint =>
                    PathAngleTracer.TraceAsync(game, options.PathAngle, g, d, round, point.Round, onPoint, cancel));
            }

            return new Diagnosis(gameId, point.Round, game.GeneratorSize, game.DiscriminatorSize, batch, options.Precision, findings.Field,
                findings.Spectra, findings.Verdict, path, null, null, findings.Notes, 0);
        }
        finally
        {
            if (game is not null)
            {
                await game.CloseAsync();
            }

            await copies.ReleaseAsync(seatKey, pair);
        }
    }

    private async Task<GameCheckpoint> LoadAsync(string gameId, int? round)
    {
        if (round is { } r)
        {
            if (await checkpoints.LoadAsync(SnapshotKeys.Of(gameId, r)) is { } kept)
            {
                return GameCheckpointFormat.Read(kept, checkpoints.Describe(SnapshotKeys.Of(gameId, r)));
            }
        }

        var bytes = await checkpoints.LoadAsync(gameId);
        var latest = bytes is null ? null : GameCheckpointFormat.Read(bytes, checkpoints.Describe(gameId));
        if (round is null)
        {
            return latest ?? throw new InvalidOperationException($"game {gameId} has no checkpoint at {checkpoints.Describe(gameId)}");
        }

        return latest is not null && latest.Round == round
            ? latest
            : throw new InvalidOperationException($"game {gameId} kept no checkpoint at round {round} ("
                + (latest is null ? "nor a latest one" : $"the latest is round {latest.Round}")
                + "; a game keeps one per diagnosed round when its spec has diagnostics.every > 0)");
    }
}
