using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Evaluation;
using OrleansGan.Core.Randomness;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Tensors;
using OrleansGan.Grains.Protocols;

namespace OrleansGan.Grains.Game;

/// <summary>
/// Seats the two players of one game and plays its protocol round after round, in a loop that runs on this
/// activation's scheduler and so interleaves safely with status requests.
/// </summary>
public sealed class GameGrain(ILogger<GameGrain> logger) : Grain, IGameGrain
{
    private const int MaxRecordsPerStatus = 10_000;
    private readonly List<RoundRecord> _rounds = [];
    private readonly List<EvaluationRecord> _evaluations = [];
    private readonly Stopwatch _clock = new();
    private GameSpec? _spec;
    private GameState _state = GameState.Created;
    private string? _error;
    private bool _cancelRequested;

    /// <inheritdoc />
    public async Task StartAsync(GameSpec spec)
    {
        if (_state == GameState.Running)
        {
            throw new InvalidOperationException($"game {this.GetPrimaryKeyString()} is already running; cancel it or use another id");
        }

        GameSpecValidator.ThrowIfInvalid(spec);
        var players = Players();
        await players.Generator.JoinAsync(new GeneratorSetup(spec.Generator, PlayerSeeds.Generator(spec.Seed)));
        await players.Discriminator.JoinAsync(new DiscriminatorSetup(
            spec.Discriminator, PlayerSeeds.Discriminator(spec.Seed), spec.Data, spec.Loss, spec.BatchSize));

        _spec = spec;
        _rounds.Clear();
        _evaluations.Clear();
        _error = null;
        _state = GameState.Running;
        _clock.Restart();
        _cancelRequested = false;

        // Keep the activation while the loop runs, even when nobody polls.
        DelayDeactivation(TimeSpan.FromDays(7));
        _ = PlayAsync(spec, players, Protocols.Protocols.Create(spec.Protocol));
    }

    /// <inheritdoc />
    public Task<GameStatus> GetStatusAsync(int roundCursor, int evaluationCursor)
    {
        var rounds = Slice(_rounds, roundCursor);
        var evaluations = Slice(_evaluations, evaluationCursor);
        return Task.FromResult(new GameStatus(
            _state, _rounds.Count, _spec?.Rounds ?? 0, _clock.Elapsed.TotalSeconds, rounds, evaluations, _error));
    }

    /// <inheritdoc />
    public Task CancelAsync()
    {
        _cancelRequested = true;
        return Task.CompletedTask;
    }

    private static List<T> Slice<T>(List<T> items, int cursor)
    {
        var start = Math.Clamp(cursor, 0, items.Count);
        return items.GetRange(start, Math.Min(MaxRecordsPerStatus, items.Count - start));
    }

    private PlayerPair Players()
    {
        var id = this.GetPrimaryKeyString();
        return new PlayerPair(
            GrainFactory.GetGrain<IGeneratorGrain>($"{id}/generator"),
            GrainFactory.GetGrain<IDiscriminatorGrain>($"{id}/discriminator"));
    }

    private async Task PlayAsync(GameSpec spec, PlayerPair players, IProtocol protocol)
    {
        try
        {
            await EvaluateAsync(spec, players, 0);
            for (var round = 1; round <= spec.Rounds && _state == GameState.Running; round++)
            {
                if (_cancelRequested)
                {
                    _state = GameState.Cancelled;
                    break;
                }

                var record = await protocol.PlayRoundAsync(players, round, spec.BatchSize);
                if (spec.Evaluation.TrackParameters)
                {
                    record = record with { Position = await PositionAsync(players) };
                }

                _rounds.Add(record);
                if (!double.IsFinite(record.DiscriminatorLoss) || !double.IsFinite(record.GeneratorLoss))
                {
                    Diverge(round, $"J_D = {record.DiscriminatorLoss}, J_G = {record.GeneratorLoss}");
                    break;
                }

                if (round % spec.Evaluation.Every == 0 || round == spec.Rounds)
                {
                    await EvaluateAsync(spec, players, round);
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
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    private static async Task<IReadOnlyList<double>> PositionAsync(PlayerPair players)
    {
        var g = await players.Generator.GetParametersAsync();
        var d = await players.Discriminator.GetParametersAsync();
        return g.Values.Concat(d.Values).SelectMany(TensorCodec.ToArray).Select(v => (double)v).ToList();
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
        var coverage = ModeCoverage.Measure(values, GaussianMixture.For(spec.Data), spec.Evaluation.QualityStds, spec.Evaluation.MinSamplesPerMode);
        _evaluations.Add(new EvaluationRecord(round, coverage.ModesCovered, coverage.ModeCount, coverage.HighQualityFraction,
            scores.MeanRealScore, scores.MeanFakeScore, samples));
    }

    private void Diverge(int round, string why)
    {
        _state = GameState.Diverged;
        _error = $"diverged at round {round}: {why}";
        logger.LogWarning("Game {Game} {Error}", this.GetPrimaryKeyString(), _error);
    }
}
