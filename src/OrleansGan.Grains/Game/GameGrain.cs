using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Data;
using OrleansGan.Core.Evaluation;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Randomness;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Tensors;
using OrleansGan.Grains.Diagnostics;
using OrleansGan.Grains.Placement;
using OrleansGan.Grains.Protocols;
using OrleansGan.Grains.Telemetry;

namespace OrleansGan.Grains.Game;

/// <summary>
/// Seats the two players of one game and plays its protocol round after round, in a loop that runs on this
/// activation's scheduler and so interleaves safely with status requests. Every few rounds it checkpoints both
/// players and its records, and it can resume from the last checkpoint after a crash.
/// </summary>
public sealed class GameGrain(ILogger<GameGrain> logger, ICheckpointStore checkpoints, GameInstruments instruments, ILocalSiloDetails silo) : Grain, IGameGrain
{
    private const int MaxRecordsPerStatus = 10_000;
    private const int MaxRecoveries = 3;
    private const int MaxRecoveryAttempts = 10;
    private readonly List<RoundRecord> _rounds = [];
    private readonly List<EvaluationRecord> _evaluations = [];
    private readonly Stopwatch _clock = new();
    private GameSpec? _spec;
    private GameState _state = GameState.Created;
    private string? _error;
    private double _elapsedBefore;
    private bool _cancelRequested;
    private int _recoveries;
    private int _recoveriesSinceCheckpoint;
    private IReadOnlyList<PlayerLocation>? _locations;
    private GameSeries? _series;
    private GameDiagnostics? _diagnostics;

    /// <inheritdoc />
    public async Task StartAsync(GameSpec spec)
    {
        RefuseIfRunning();
        GameSpecValidator.ThrowIfInvalid(spec);
        var players = Players();
        await SeatAsync(spec, players);
        Begin(spec, [], [], elapsed: 0);
        _ = PlayAsync(spec, players, firstRound: 1);
    }

    /// <inheritdoc />
    public async Task<int> ResumeAsync(GameSpec? expected)
    {
        RefuseIfRunning();
        var id = this.GetPrimaryKeyString();
        var bytes = await checkpoints.LoadAsync(id)
            ?? throw new InvalidOperationException($"game {id} has no checkpoint at {checkpoints.Describe(id)}");
        var checkpoint = GameCheckpointFormat.Read(bytes, checkpoints.Describe(id));
        if (expected is not null && GameCheckpointFormat.Differences(expected, checkpoint.Spec) is { Count: > 0 } differences)
        {
            throw new InvalidOperationException(
                $"the checkpoint of game {id} was made with a different spec (fields that differ: {string.Join(", ", differences)})");
        }

        var players = Players();
        await SeatAsync(checkpoint.Spec, players);
        await players.Generator.RestoreStateAsync(new PlayerState(checkpoint.Generator));
        await players.Discriminator.RestoreStateAsync(new PlayerState(checkpoint.Discriminator));
        Begin(checkpoint.Spec, checkpoint.Rounds, checkpoint.Evaluations, checkpoint.ElapsedSeconds);
        logger.LogInformation("Game {Game} resumed after round {Round}", id, checkpoint.Round);
        _ = PlayAsync(checkpoint.Spec, players, firstRound: checkpoint.Round + 1);
        return checkpoint.Round;
    }

    /// <inheritdoc />
    public Task<GameStatus> GetStatusAsync(int roundCursor, int evaluationCursor)
    {
        var rounds = Slice(_rounds, roundCursor);
        var evaluations = Slice(_evaluations, evaluationCursor);
        return Task.FromResult(new GameStatus(
            _state, _rounds.Count, _spec?.Rounds ?? 0, Elapsed, rounds, evaluations, _error, _locations, silo.Name, _recoveries,
            _diagnostics?.All.Count ?? 0));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Diagnosis>> GetDiagnosesAsync(int cursor) =>
        Task.FromResult<IReadOnlyList<Diagnosis>>(_diagnostics?.All.Skip(Math.Max(0, cursor)).ToList() ?? []);

    /// <inheritdoc />
    public Task CancelAsync()
    {
        _cancelRequested = true;
        return Task.CompletedTask;
    }

    private double Elapsed => _elapsedBefore + _clock.Elapsed.TotalSeconds;

    private static List<T> Slice<T>(List<T> items, int cursor)
    {
        var start = Math.Clamp(cursor, 0, items.Count);
        return items.GetRange(start, Math.Min(MaxRecordsPerStatus, items.Count - start));
    }

    // A placement policy books a silo and a device for each player; the silo travels in the request context of the
    // call that activates the player, where PlayerPlacementDirector reads it, and the device replaces the spec's.
    private async Task SeatAsync(GameSpec spec, PlayerPair players)
    {
        var (generator, discriminator) = (spec.Generator, spec.Discriminator);
        string? generatorSilo = null, discriminatorSilo = null;
        if (spec.Placement.Policy != PlacementPolicy.Any)
        {
            var seats = await GrainFactory.GetGrain<IPlacementBookGrain>(0).SeatAsync(this.GetPrimaryKeyString(), spec.Placement);
            generator = generator with { Device = seats.Generator.Device };
            discriminator = discriminator with { Device = seats.Discriminator.Device };
            (generatorSilo, discriminatorSilo) = (seats.Generator.SiloAddress, seats.Discriminator.SiloAddress);
        }

        await OnSilo(generatorSilo, () => players.Generator.JoinAsync(new GeneratorSetup(generator, PlayerSeeds.Generator(spec.Seed), spec.BatchSize, ClassConditioning.Classes(spec))));
        await OnSilo(discriminatorSilo, () => players.Discriminator.JoinAsync(new DiscriminatorSetup(
            discriminator, PlayerSeeds.Discriminator(spec.Seed), spec.Data, spec.Loss, spec.BatchSize, spec.Stabilizers)));
        _locations = [await players.Generator.GetLocationAsync(), await players.Discriminator.GetLocationAsync()];
    }

    private static async Task OnSilo(string? silo, Func<Task> call)
    {
        if (silo is null)
        {
            await call();
            return;
        }

        RequestContext.Set(PlayerPlacementDirector.SiloKey, silo);
        try
        {
            await call();
        }
        finally
        {
            RequestContext.Remove(PlayerPlacementDirector.SiloKey);
        }
    }

    private static async Task<IReadOnlyList<double>> PositionAsync(PlayerPair players)
    {
        var g = await players.Generator.GetParametersAsync();
        var d = await players.Discriminator.GetParametersAsync();
        return g.Values.Concat(d.Values).SelectMany(TensorCodec.ToArray).Select(v => (double)v).ToList();
    }

    private static bool IsFinite(RoundRecord r) =>
        double.IsFinite(r.DiscriminatorLoss) && double.IsFinite(r.GeneratorLoss) && double.IsFinite(r.MeanRealScore)
        && double.IsFinite(r.MeanFakeScore) && double.IsFinite(r.DiscriminatorGradientNorm) && double.IsFinite(r.GeneratorGradientNorm)
        && (r.Position ?? []).All(double.IsFinite);

    private void RefuseIfRunning()
    {
        if (_state == GameState.Running)
        {
            throw new InvalidOperationException($"game {this.GetPrimaryKeyString()} is already running; cancel it or use another id");
        }
    }

    private void Begin(GameSpec spec, IEnumerable<RoundRecord> rounds, IEnumerable<EvaluationRecord> evaluations, double elapsed)
    {
        _spec = spec;
        _rounds.Clear();
        _rounds.AddRange(rounds);
        _evaluations.Clear();
        _evaluations.AddRange(evaluations);
        _error = null;
        _state = GameState.Running;
        _cancelRequested = false;
        _recoveries = 0;
        _recoveriesSinceCheckpoint = 0;
        _elapsedBefore = elapsed;
        _clock.Restart();
        _series = instruments.Started(this.GetPrimaryKeyString(), spec, _locations);
        _diagnostics = new GameDiagnostics(GrainFactory, checkpoints, this.GetPrimaryKeyString(), spec, logger);

        // Keep the activation while the loop runs, even when nobody polls.
        DelayDeactivation(TimeSpan.FromDays(7));
    }

    // The directory only serves `list`: a game plays on whether or not it could report.
    private async Task ReportAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IGameDirectoryGrain>(0).NoteAsync(this.GetPrimaryKeyString(), _state);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Game {Game} could not report its state to the game directory", this.GetPrimaryKeyString());
        }
    }

    private PlayerPair Players()
    {
        var id = this.GetPrimaryKeyString();
        return new PlayerPair(
            GrainFactory.GetGrain<IGeneratorGrain>($"{id}/generator"),
            GrainFactory.GetGrain<IDiscriminatorGrain>($"{id}/discriminator"));
    }

    private async Task PlayAsync(GameSpec spec, PlayerPair players, int firstRound)
    {
        try
        {
            var protocol = Protocols.Protocols.Create(spec.Protocol);
            await ReportAsync();
            if (firstRound == 1)
            {
                await EvaluateAsync(spec, players, 0);
            }

            for (var round = firstRound; round <= spec.Rounds && _state == GameState.Running; round++)
            {
                if (_cancelRequested)
                {
                    _state = GameState.Cancelled;
                    break;
                }

                try
                {
                    await PlayRoundAsync(spec, players, protocol, round);
                }
                catch (Exception e) when ((IsPlayerLoss(e) || ScalarRace.Caused(e)) && _recoveriesSinceCheckpoint < MaxRecoveries)
                {
                    _recoveries++;
                    _recoveriesSinceCheckpoint++;
                    round = await RecoverAsync(spec, players, round, e);
                }
            }

            if (_state == GameState.Running)
            {
                _state = GameState.Finished;
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Game {Game} failed", this.GetPrimaryKeyString());
            _error = e.Message;
            _state = GameState.Failed;
        }
        finally
        {
            _clock.Stop();
            instruments.Ended(_series!, _state);
            DelayDeactivation(TimeSpan.Zero);
            await ReportAsync();
            if (spec.Placement.Policy != PlacementPolicy.Any)
            {
                try
                {
                    await GrainFactory.GetGrain<IPlacementBookGrain>(0).ReleaseAsync(this.GetPrimaryKeyString());
                }
                catch (Exception e)
                {
                    // The seats only weigh in on balancing, and the book forgets dead silos' seats by itself.
                    logger.LogWarning(e, "Game {Game} could not release its seats", this.GetPrimaryKeyString());
                }
            }
        }
    }

    private async Task PlayRoundAsync(GameSpec spec, PlayerPair players, IProtocol protocol, int round)
    {
        var roundStarted = Stopwatch.GetTimestamp();
        var record = await protocol.PlayRoundAsync(players, round, spec.BatchSize);
        var roundTime = Stopwatch.GetElapsedTime(roundStarted);
        if (spec.Evaluation.TrackParameters)
        {
            record = record with { Position = await PositionAsync(players) };
        }

        _rounds.Add(record);
        instruments.Played(_series!, record, roundTime);
        if (!IsFinite(record))
        {
            Diverge(round, $"J_D = {record.DiscriminatorLoss}, J_G = {record.GeneratorLoss}, "
                + $"|grad D| = {record.DiscriminatorGradientNorm}, |grad G| = {record.GeneratorGradientNorm}");
            return;
        }

        if (round % spec.Evaluation.Every == 0 || round == spec.Rounds)
        {
            await EvaluateAsync(spec, players, round);
        }

        if (_state == GameState.Running && _diagnostics!.Due(round) && await _diagnostics.DiagnoseAsync(players, round, Elapsed) is { } diagnosis)
        {
            instruments.Diagnosed(_series!, diagnosis);
        }

        // Only a round whose figures and samples are finite is ever checkpointed: the last good one stays.
        if (_state == GameState.Running && spec.Checkpoint.Every > 0 && round % spec.Checkpoint.Every == 0)
        {
            await CheckpointAsync(spec, players, round);
        }
    }

    // A player whose silo died comes back as a fresh activation without a seat (PlayerLostException), or its calls
    // fail on the way (SiloUnavailableException, rejections, time-outs).
    private static bool IsPlayerLoss(Exception e) => e switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsPlayerLoss),
        PlayerLostException or SiloUnavailableException or OrleansMessageRejectionException or TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// Re-seats both players (placement sees only live silos) and restores them from the last checkpoint, or starts
    /// the game over when there is none yet: either way the rounds that follow are the ones an undisturbed game plays.
    /// This serves a lost player and a move that TorchSharp's Scalar race broke half-way (a player may have stepped,
    /// its partner not). Returns the round to continue after.
    /// </summary>
    private async Task<int> RecoverAsync(GameSpec spec, PlayerPair players, int round, Exception failure)
    {
        var id = this.GetPrimaryKeyString();
        logger.LogWarning(failure, "Game {Game} {Failure} in round {Round}; recovering from its last checkpoint", id,
            ScalarRace.Caused(failure) ? "hit TorchSharp's Scalar race" : "lost a player", round);
        for (var attempt = 1; ; attempt++)
        {
            // Membership needs a moment to declare the dead silo dead; until then placement may still pick it.
            await Task.Delay(TimeSpan.FromSeconds(attempt));
            try
            {
                var bytes = spec.Checkpoint.Every > 0 ? await checkpoints.LoadAsync(id) : null;
                await SeatAsync(spec, players);
                if (bytes is null)
                {
                    _rounds.Clear();
                    _evaluations.Clear();
                    _diagnostics?.RewindTo(0);
                    await EvaluateAsync(spec, players, 0);
                    return 0;
                }

                var checkpoint = GameCheckpointFormat.Read(bytes, checkpoints.Describe(id));
                await players.Generator.RestoreStateAsync(new PlayerState(checkpoint.Generator));
                await players.Discriminator.RestoreStateAsync(new PlayerState(checkpoint.Discriminator));
                _rounds.Clear();
                _rounds.AddRange(checkpoint.Rounds);
                _evaluations.Clear();
                _evaluations.AddRange(checkpoint.Evaluations);
                _diagnostics?.RewindTo(checkpoint.Round);
                logger.LogInformation("Game {Game} recovered: players re-seated, resuming after round {Round}", id, checkpoint.Round);
                return checkpoint.Round;
            }
            catch (Exception again) when (IsPlayerLoss(again) && attempt < MaxRecoveryAttempts)
            {
                logger.LogInformation("Game {Game}: recovery attempt {Attempt} failed ({Error}); trying again", id, attempt, again.Message);
            }
        }
    }

    private async Task CheckpointAsync(GameSpec spec, PlayerPair players, int round)
    {
        var generator = await players.Generator.SaveStateAsync();
        var discriminator = await players.Discriminator.SaveStateAsync();
        var checkpoint = new GameCheckpoint(spec, round, Elapsed, _rounds.ToList(), _evaluations.ToList(), generator.Data, discriminator.Data);
        await checkpoints.SaveAsync(this.GetPrimaryKeyString(), GameCheckpointFormat.Write(checkpoint));

        // Recovery is bounded per stretch between checkpoints: a game that keeps progressing may recover again later.
        _recoveriesSinceCheckpoint = 0;
    }

    private async Task EvaluateAsync(GameSpec spec, PlayerPair players, int round)
    {
        var samples = await players.Generator.SampleAsync(spec.Evaluation.Samples, PlayerSeeds.EvaluationNoise(spec.Seed));
        var values = TensorCodec.ToArray(samples);
        if (values.Any(v => !float.IsFinite(v)))
        {
            Diverge(round, "the generator's samples are not finite");
            return;
        }

        var scores = await players.Discriminator.EvaluateAsync(samples, PlayerSeeds.EvaluationReal(spec.Seed));
        var data = RealData.For(spec.Data);
        var record = data switch
        {
            GaussianMixture mixture => MixtureRecord(spec, round, values, mixture, scores, samples),
            MnistDigits digits => await Task.Run(() => DigitRecord(spec, round, values, digits, scores)),
            _ => throw new InvalidOperationException($"no evaluation for data {spec.Data.Kind}"),
        };
        _evaluations.Add(record);
        instruments.Evaluated(_series!, _evaluations[^1]);
    }

    private static EvaluationRecord MixtureRecord(GameSpec spec, int round, float[] values, GaussianMixture mixture, DiscriminatorEvaluation scores, TensorBytes samples)
    {
        var coverage = ModeCoverage.Measure(values, mixture, spec.Evaluation);
        return new EvaluationRecord(round, coverage.ModesCovered, coverage.ModeCount, coverage.HighQualityFraction,
            scores.MeanRealScore, scores.MeanFakeScore, samples, ReverseKl: coverage.ReverseKl);
    }

    // Runs off the grain's scheduler: the first evaluation in a process may train the classifier (or read its cache).
    // Only a small quantised grid travels on: thousands of 784-pixel samples would swell every status and checkpoint.
    private static EvaluationRecord DigitRecord(GameSpec spec, int round, float[] values, MnistDigits digits, DiscriminatorEvaluation scores)
    {
        var count = values.Length / digits.Dimension;
        var classes = ClassConditioning.Classes(spec);

        // A conditional generator made its evaluation sample for these classes (GeneratorPlayer.Sample).
        var requested = classes > 0 ? ClassConditioning.BalancedClasses(count, classes) : null;
        var judged = DigitEvaluation.Measure(values, DigitClassifier.For(digits), spec.Evaluation.MinSamplesPerMode, requested);
        var grid = values.Take(Math.Min(EvaluationRecord.GridSamples, count) * digits.Dimension)
            .Select(MnistDigits.ToPixel).ToArray();
        return new EvaluationRecord(round, judged.ClassesCovered, digits.ClassCount, judged.ConfidentFraction,
            scores.MeanRealScore, scores.MeanFakeScore, new TensorBytes([], [0, digits.Dimension]),
            [.. judged.ClassShares], judged.MeanConfidence, judged.FrechetDistance, grid, judged.ClassAccuracy);
    }

    private void Diverge(int round, string why)
    {
        _state = GameState.Diverged;
        _error = $"diverged at round {round}: {why}";
        logger.LogWarning("Game {Game} {Error}", this.GetPrimaryKeyString(), _error);
    }
}
