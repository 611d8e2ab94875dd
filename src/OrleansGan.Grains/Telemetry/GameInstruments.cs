using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Orleans.Runtime.MembershipService.SiloMetadata;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Grains.Placement;

namespace OrleansGan.Grains.Telemetry;

/// <summary>
/// The one owner of OrleansGan's metric instruments (the <see cref="MeterName"/> meter, created from
/// <see cref="IMeterFactory"/>), one per silo. Game grains report rounds, evaluations and endings here; the message
/// traffic filter reports the tensors that cross player-grain boundaries.
/// </summary>
/// <remarks>
/// Cardinality: per-game figures are observable instruments read from a <see cref="GameBook"/> that holds every running
/// game and at most <see cref="MaxEndedGames"/> ended ones, each for at most <see cref="Retention"/> after it ended; a
/// game dropped from the book disappears from the scrape. <see cref="MessageTraffic"/> drops tallies after
/// <see cref="Retention"/> without traffic, and tallies at most <see cref="MaxTrafficGames"/> games. The round-duration histogram keeps one series
/// set per game since the silo started, up to the cardinality limit that <c>AddOrleansGanTelemetry</c> gives it.
/// </remarks>
public sealed class GameInstruments
{
    /// <summary>The meter's name, to subscribe to.</summary>
    public const string MeterName = "OrleansGan";

    /// <summary>The round-duration histogram's name, for views.</summary>
    public const string RoundDurationName = "orleansgan.round.duration";

    /// <summary>Ended games kept in the book (the most recently ended first).</summary>
    public const int MaxEndedGames = 20;

    /// <summary>Games whose message traffic is tallied at once (the most recently active first).</summary>
    public const int MaxTrafficGames = 64;

    /// <summary>How long an ended game, or an idle message tally, stays in the scrape.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    /// <summary>Bucket bounds of the round duration, in seconds: a round takes from under a millisecond (tiny
    /// networks) to seconds (wide networks, large minibatches, many steps per round).</summary>
    public static readonly IReadOnlyList<double> RoundDurationBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly GameBook _games;
    private readonly MessageTraffic _traffic;
    private readonly Lazy<string[]> _devices;
    private readonly Histogram<double> _roundDuration;
    private readonly Histogram<double> _checkpointDuration;
    private readonly Histogram<long> _checkpointSize;
    private readonly ObservableCounter<long> _messages;
    private readonly ObservableCounter<long> _payload;

    /// <summary>The instruments of this silo, on the system clock, reporting the devices it declared in its metadata.</summary>
    public GameInstruments(IMeterFactory meters, IOptions<SiloMetadata> metadata)
        : this(meters, TimeProvider.System, () => [.. SiloDevices.From("", metadata.Value.Metadata).Devices])
    {
    }

    /// <summary>Instruments on the given clock, reporting the given devices.</summary>
    public GameInstruments(IMeterFactory meters, TimeProvider time, Func<string[]> devices)
    {
        _games = new GameBook(time);
        _traffic = new MessageTraffic(time);
        _devices = new Lazy<string[]>(devices);
        var meter = meters.Create(MeterName);

        meter.CreateObservableCounter("orleansgan.game.rounds", () => Each<long>(g => [new(g.Rounds, g.Series.Tags)]),
            "{round}", "Rounds the game has played on this silo since it started or resumed (for rates).");
        meter.CreateObservableGauge("orleansgan.game.round", () => EachRound((s, r) => [new(r.Round, s.Tags)]),
            "{round}", "The game's latest completed round (a resumed game goes on from its checkpoint's round).");
        _roundDuration = meter.CreateHistogram(RoundDurationName, "s", "Wall time of one round of the protocol.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RoundDurationBuckets });

        _checkpointDuration = meter.CreateHistogram("orleansgan.checkpoint.duration", "s",
            "Wall time of writing one checkpoint (both players' states and the logs made durable before it).",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RoundDurationBuckets });
        _checkpointSize = meter.CreateHistogram("orleansgan.checkpoint.size", "By", "Bytes of one checkpoint.",
            tags: null, advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000] });

        meter.CreateObservableGauge("orleansgan.player.loss", () => EachRound((s, r) =>
            [new(r.DiscriminatorLoss, s.DiscriminatorTags), new(r.GeneratorLoss, s.GeneratorTags)]),
            description: "The player's cost in the latest round: J_D for the discriminator, J_G for the generator.");
        meter.CreateObservableGauge("orleansgan.discriminator.output", () => EachRound((s, r) =>
            [new(r.MeanRealScore, s.RealTags), new(r.MeanFakeScore, s.FakeTags)]),
            "1", "The discriminator's mean output D in the latest round, on the real (D(x)) and the fake (D(G(z))) minibatch.");
        meter.CreateObservableGauge("orleansgan.player.gradient.norm", () => EachRound((s, r) =>
            [new(r.DiscriminatorGradientNorm, s.DiscriminatorTags), new(r.GeneratorGradientNorm, s.GeneratorTags)]),
            description: "Euclidean norm of the player's gradient over its parameters in the latest round.");
        meter.CreateObservableGauge("orleansgan.game.gradient_field.norm", () => EachRound((s, r) =>
            [new(Math.Sqrt((r.DiscriminatorGradientNorm * r.DiscriminatorGradientNorm) + (r.GeneratorGradientNorm * r.GeneratorGradientNorm)), s.Tags)]),
            description: "Norm of the game's joint gradient field (both players' gradients together) in the latest round.");

        meter.CreateObservableGauge("orleansgan.evaluation.modes.covered", () => EachEvaluation<int>((s, e) => [new(e.ModesCovered, s.Tags)]),
            "{mode}", "Modes covered by the generator at the latest evaluation.");
        meter.CreateObservableGauge("orleansgan.data.modes", () => EachEvaluation<int>((s, e) => [new(e.ModeCount, s.Tags)]),
            "{mode}", "Modes of the game's real distribution.");
        meter.CreateObservableGauge("orleansgan.evaluation.high_quality", () => EachEvaluation<double>((s, e) => [new(e.HighQualityFraction, s.Tags)]),
            "1", "Share of the latest evaluation's samples within the quality radius of a mode.");
        meter.CreateObservableGauge("orleansgan.evaluation.round", () => EachEvaluation<int>((s, e) => [new(e.Round, s.Tags)]),
            "{round}", "Round after which the latest evaluation was taken.");
        meter.CreateObservableGauge("orleansgan.evaluation.frechet_distance", () => EachEvaluation<double>((s, e) =>
            e.FrechetDistance is { } distance ? [new(distance, s.Tags)] : []),
            "1", "Fréchet distance between generated and real classifier features at the latest evaluation (image data only).");

        meter.CreateObservableGauge("orleansgan.diagnosis.round", () => EachDiagnosis<int>((s, d) => [new(d.Round, s.Tags)]),
            "{round}", "Round of the game's latest equilibrium diagnosis.");
        meter.CreateObservableGauge("orleansgan.diagnosis.eigenvalue", () => EachDiagnosis<double>((_, d) =>
            d.Eigenvalues.Select(e => new Measurement<double>(e.Value, e.Tags)).ToArray()),
            description: "The latest diagnosis's extreme eigenvalues: J's largest modulus and smallest real part, the largest and smallest of H_G and of H_D (labels operator, end).");
        meter.CreateObservableGauge("orleansgan.diagnosis.duality_gap", () => EachDiagnosis<double>((_, d) =>
            d.DualityGaps.Select(g => new Measurement<double>(g.Value, g.Tags)).ToArray()),
            description: "The latest diagnosis's duality gap V(theta, psi') - V(theta', psi) (label variant: plain, or perturbed as in Sidheekh et al. 2021).");
        meter.CreateObservableGauge("orleansgan.diagnosis.stationarity_ratio", () => EachDiagnosis<double>((s, d) => [new(d.StationarityRatio, s.Tags)]),
            "1", "T = |mean chunk field|^2 / its squared standard error at the latest diagnosis: about 1 at a stationary point.");

        meter.CreateObservableGauge("orleansgan.game.state", () => Each<int>(g =>
            g.Series.StateTags.Select(t => new Measurement<int>(t.State == g.State ? 1 : 0, t.Tags))),
            description: "1 for the state the game is in (running, finished, diverged, failed, cancelled), 0 for the others.");

        _messages = meter.CreateObservableCounter("orleansgan.messages", () => Traffic(t => t.Count),
            "{message}", "Messages (arguments and results that can hold tensors) received and answered by player grains.");
        _payload = meter.CreateObservableCounter("orleansgan.message.payload", () => Traffic(t => t.Bytes),
            "By", "Tensor bytes carried by those messages.");

        meter.CreateObservableGauge("orleansgan.silo.devices", () => _devices.Value.Select(d =>
            new Measurement<int>(1, new KeyValuePair<string, object?>(TagNames.Device, d))),
            "{device}", "Devices this silo declared (Silo:Devices), on which placement seats players (1 per device).");
    }

    /// <summary>True when a listener collects message traffic, so the filter need not measure otherwise.</summary>
    public bool MeasuresMessages => _messages.Enabled || _payload.Enabled;

    /// <summary>Puts a game that starts playing in the book (replacing an earlier game with the same id); the players'
    /// devices are those of <paramref name="locations"/> where placement chose them, else the spec's.</summary>
    public GameSeries Started(string gameId, GameSpec spec, IReadOnlyList<PlayerLocation>? locations = null) =>
        _games.Open(gameId, spec, locations);

    /// <summary>Records a round and how long it took.</summary>
    public void Played(GameSeries game, RoundRecord round, TimeSpan duration)
    {
        // The histogram first: a scrape that sees the round counted also sees its duration.
        _roundDuration.Record(duration.TotalSeconds, game.Tags);
        game.Played(round);
    }

    /// <summary>Records a checkpoint's size and how long writing it took.</summary>
    public void Checkpointed(GameSeries game, long bytes, TimeSpan duration)
    {
        _checkpointDuration.Record(duration.TotalSeconds, game.Tags);
        _checkpointSize.Record(bytes, game.Tags);
    }

    /// <summary>Records an evaluation.</summary>
    public void Evaluated(GameSeries game, EvaluationRecord evaluation) => game.Evaluated(evaluation);

    /// <summary>Records a diagnosis of the game.</summary>
    public void Diagnosed(GameSeries game, Diagnosis diagnosis) => game.Diagnosed(diagnosis);

    /// <summary>Records the state a game ended in; it stays in the scrape for <see cref="Retention"/>.</summary>
    public void Ended(GameSeries game, GameState state) => _games.Close(game, state);

    /// <summary>Tallies one argument or result of a player grain's method, if its type can hold tensors.</summary>
    public void Carried(string gameId, string player, string direction, object? message)
    {
        // Several messages in one call (an alternating round's minibatches) count as what they are, one by one.
        if (message is object?[] several)
        {
            foreach (var one in several)
            {
                Carried(gameId, player, direction, one);
            }

            return;
        }

        if (TensorPayload.Measure(message) is not { } bytes)
        {
            return;
        }

        _traffic.Add(gameId, player, TensorPayload.KindOf(message!), direction, bytes);
    }

    private IEnumerable<Measurement<T>> Each<T>(Func<(GameSeries Series, long Rounds, GameState State), IEnumerable<Measurement<T>>> measure)
        where T : struct
    {
        foreach (var series in _games.Current())
        {
            var (rounds, _, _, state) = series.Read();
            foreach (var measurement in measure((series, rounds, state)))
            {
                yield return measurement;
            }
        }
    }

    private IEnumerable<Measurement<double>> EachRound(Func<GameSeries, RoundRecord, Measurement<double>[]> measure)
    {
        foreach (var series in _games.Current())
        {
            if (series.Read().Round is { } round)
            {
                foreach (var measurement in measure(series, round))
                {
                    yield return measurement;
                }
            }
        }
    }

    private IEnumerable<Measurement<T>> EachEvaluation<T>(Func<GameSeries, GameSeries.EvaluationFigures, Measurement<T>[]> measure)
        where T : struct
    {
        foreach (var series in _games.Current())
        {
            if (series.Read().Evaluation is { } evaluation)
            {
                foreach (var measurement in measure(series, evaluation))
                {
                    yield return measurement;
                }
            }
        }
    }

    private IEnumerable<Measurement<T>> EachDiagnosis<T>(Func<GameSeries, GameSeries.DiagnosisFigures, Measurement<T>[]> measure)
        where T : struct
    {
        foreach (var series in _games.Current())
        {
            if (series.Diagnosis is { } diagnosis)
            {
                foreach (var measurement in measure(series, diagnosis))
                {
                    yield return measurement;
                }
            }
        }
    }

    private IEnumerable<Measurement<long>> Traffic(Func<MessageTally, long> value) =>
        _traffic.Current().Select(t => new Measurement<long>(value(t), t.Tags)).ToArray();
}
