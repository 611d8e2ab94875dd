using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Evaluation;
using OrleansGan.Core.Pictures;
using OrleansGan.Core.Randomness;
using OrleansGan.Core.Tensors;
using OrleansGan.Grains.Diagnostics;
using OrleansGan.Grains.Protocols;

namespace OrleansGan.Grains.Game;

/// <summary>How a game's rounds ended: its final state and, when it diverged or failed, why.</summary>
public sealed record GameEnd(GameState State, string? Error = null);

/// <summary>
/// Plays one game's rounds from a given round to the last: each round's moves by the protocol, the divergence check,
/// evaluations, in-game diagnoses (<see cref="GameDiagnostics"/>) and checkpoints at their cadence, and recovery from a lost player or a broken move by going back to the
/// last checkpoint (<see cref="RecoveryPolicy"/>). It knows nothing of the grain that runs it: it plays into the
/// game's <see cref="GameHistory"/> and reports to its <see cref="IGameProgress"/>.
/// </summary>
public sealed class RoundLoop(
    GameSpec spec, PlayerPair players, GameHistory history, IGameProgress progress, GameCheckpointer checkpointer,
    RecoveryPolicy recovery, Func<Task> reseat, ILogger logger, string gameId, GameDiagnostics? diagnostics = null)
{
    private readonly IProtocol _protocol = Protocols.Protocols.Create(spec.Protocol);
    private readonly GameEvaluator _evaluator = new(spec);
    private GameEnd? _end;

    /// <summary>
    /// Plays from <paramref name="firstRound"/> (1: a new game, evaluated first) until the last round, a divergence, a
    /// failure or <paramref name="cancelRequested"/>. With no first round the game goes on from its last checkpoint, as
    /// after a failure (its previous activation died with its silo); <paramref name="continuedAfter"/> hears the round.
    /// </summary>
    public async Task<GameEnd> PlayAsync(int? firstRound, Func<bool> cancelRequested, Action<int>? continuedAfter = null)
    {
        try
        {
            if (firstRound == 1)
            {
                await EvaluateAsync(0);
            }

            firstRound ??= await RecoverAsync(0, failure: null) + 1;
            continuedAfter?.Invoke(firstRound.Value - 1);

            for (var round = firstRound.Value; round <= spec.Rounds && _end is null; round++)
            {
                if (cancelRequested())
                {
                    return new GameEnd(GameState.Cancelled);
                }

                try
                {
                    await PlayRoundAsync(round);
                }
                catch (Exception e) when (recovery.TryRecover(e, round))
                {
                    round = await RecoverAsync(round, e);
                }
            }

            return _end ?? new GameEnd(GameState.Finished);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Game {Game} failed", gameId);
            return new GameEnd(GameState.Failed, e.Message);
        }
    }

    /// <summary>The round's figures, or null when every one is finite.</summary>
    public static string? NotFinite(RoundRecord r) =>
        double.IsFinite(r.DiscriminatorLoss) && double.IsFinite(r.GeneratorLoss) && double.IsFinite(r.MeanRealScore)
        && double.IsFinite(r.MeanFakeScore) && double.IsFinite(r.DiscriminatorGradientNorm) && double.IsFinite(r.GeneratorGradientNorm)
        && (r.Position ?? []).All(double.IsFinite)
            ? null
            : $"J_D = {r.DiscriminatorLoss}, J_G = {r.GeneratorLoss}, |grad D| = {r.DiscriminatorGradientNorm}, |grad G| = {r.GeneratorGradientNorm}";

    private async Task PlayRoundAsync(int round)
    {
        var started = Stopwatch.GetTimestamp();
        var record = await _protocol.PlayRoundAsync(players, round, spec.BatchSize);
        var duration = Stopwatch.GetElapsedTime(started);
        if (spec.Evaluation.TrackParameters)
        {
            record = record with { Position = await PositionAsync() };
        }

        await history.PlayedAsync(record);
        progress.Played(record, duration);
        if (NotFinite(record) is { } why)
        {
            Diverge(round, why);
            return;
        }

        if (round % spec.Evaluation.Every == 0 || round == spec.Rounds)
        {
            await EvaluateAsync(round);
        }

        // The diagnosis comes before the checkpoint of its round, so a game that goes back to that checkpoint keeps it
        // (the checkpoint counts it in the diagnosis log, made durable first).
        if (_end is null && diagnostics is not null && diagnostics.Due(round)
            && await diagnostics.DiagnoseAsync(players, round, history.LastDiagnosis?.Round ?? 0, progress.ElapsedSeconds) is { } diagnosis)
        {
            await history.DiagnosedAsync(diagnosis);
            progress.Diagnosed(diagnosis);
        }

        // Only a round whose figures and samples are finite is ever checkpointed: the last good one stays.
        if (_end is null && spec.Checkpoint.Every > 0 && round % spec.Checkpoint.Every == 0)
        {
            var (bytes, writing) = await checkpointer.SaveAsync(spec, history, progress.ElapsedSeconds, players);
            recovery.Checkpointed();
            await progress.CheckpointedAsync(round, bytes, writing);
        }
    }

    /// <summary>
    /// Re-seats both players (placement sees only live silos) and restores them from the last checkpoint, or starts
    /// the game over when there is none yet: either way the rounds that follow are the ones an undisturbed game plays.
    /// This serves a lost player and a move that TorchSharp's Scalar race broke half-way (a player may have stepped,
    /// its partner not). Returns the round to continue after.
    /// </summary>
    private async Task<int> RecoverAsync(int round, Exception? failure)
    {
        if (failure is null)
        {
            logger.LogWarning("Game {Game} was running on a silo that is gone; going on from its last checkpoint", gameId);
        }
        else
        {
            logger.LogWarning(failure, "Game {Game} {Failure} in round {Round}; recovering from its last checkpoint", gameId, RecoveryPolicy.Describe(failure), round);
        }

        for (var attempt = 1; ; attempt++)
        {
            await Task.Delay(recovery.WaitBeforeAttempt(attempt));
            try
            {
                var checkpoint = spec.Checkpoint.Every > 0 ? await checkpointer.LoadAsync() : null;
                await reseat();
                if (checkpoint is null)
                {
                    await history.RewindAsync(null);
                    progress.Rewound();
                    await EvaluateAsync(0);
                    return 0;
                }

                await GameCheckpointer.RestoreAsync(checkpoint, players);
                await history.RewindAsync(checkpoint);
                progress.Rewound();
                logger.LogInformation("Game {Game} recovered: players re-seated, resuming after round {Round}", gameId, checkpoint.Round);
                return checkpoint.Round;
            }
            catch (Exception again) when (RecoveryPolicy.MayRetry(again, attempt))
            {
                logger.LogInformation("Game {Game}: recovery attempt {Attempt} failed ({Error}); trying again", gameId, attempt, again.Message);
            }
        }
    }

    private async Task EvaluateAsync(int round)
    {
        var samples = await players.Generator.SampleAsync(spec.Evaluation.Samples, PlayerSeeds.EvaluationNoise(spec.Seed));
        var values = TensorCodec.ToArray(samples);
        if (!GameEvaluator.IsFinite(values))
        {
            Diverge(round, "the generator's samples are not finite");
            return;
        }

        var scores = await players.Discriminator.EvaluateAsync(samples, PlayerSeeds.EvaluationReal(spec.Seed));
        var field = FieldSnapshots.Recorded(spec, round) ? await FieldAsync(round, samples) : null;

        // Off the grain's scheduler: the first MNIST evaluation in a process may train the classifier.
        var record = await Task.Run(() => _evaluator.Evaluate(round, samples, values, scores)) with { Field = field };
        await history.EvaluatedAsync(record);
        progress.Evaluated(record);
    }

    // What GAN Lab draws, asked of both players at once: D over the plotted square and the gradient message at the
    // evaluation's samples, and G's manifold. Tens of KB a record (docs/live-page.md measures it).
    private async Task<EvaluationField> FieldAsync(int round, Abstractions.Messages.TensorBytes samples)
    {
        var extent = FieldSnapshots.ExtentOf(GaussianMixture.For(spec.Data));
        var discriminator = players.Discriminator.FieldAsync(samples, FieldSnapshots.DefaultCells, extent, round, PlayerSeeds.EvaluationField(spec.Seed));
        var manifold = players.Generator.ManifoldAsync(FieldSnapshots.DefaultLatentLines);
        var (values, absent, gradient) = await discriminator;
        return new EvaluationField(extent, values, absent, gradient, await manifold);
    }

    private async Task<IReadOnlyList<double>> PositionAsync()
    {
        var g = await players.Generator.GetParametersAsync();
        var d = await players.Discriminator.GetParametersAsync();
        return g.Values.Concat(d.Values).SelectMany(TensorCodec.ToArray).Select(v => (double)v).ToList();
    }

    private void Diverge(int round, string why)
    {
        _end = new GameEnd(GameState.Diverged, $"diverged at round {round}: {why}");
        logger.LogWarning("Game {Game} {Error}", gameId, _end.Error);
    }
}
