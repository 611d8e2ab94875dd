using System.Text.Json;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Grains.Telemetry;

/// <summary>
/// One game as the metrics see it: the labels that name its series and the latest figures its game grain reported.
/// The game grain writes; the observable instruments of <see cref="GameInstruments"/> read at each scrape.
/// </summary>
public sealed class GameSeries
{
    /// <summary>The player label of the generator and of the discriminator.</summary>
    public static readonly string Generator = PlayerRole.Generator.Name(), Discriminator = PlayerRole.Discriminator.Name();

    private readonly Lock _lock = new();
    private long _rounds;
    private RoundRecord? _round;
    private EvaluationFigures? _evaluation;
    private DiagnosisFigures? _diagnosis;
    private GameState _state = GameState.Running;
    private DateTimeOffset? _endedAt;

    internal GameSeries(string gameId, GameSpec spec, IReadOnlyList<PlayerLocation>? locations)
    {
        GameId = gameId;
        var protocol = spec.Protocol.ToString();
        var loss = JsonNamingPolicy.KebabCaseLower.ConvertName(spec.Loss.ToString());
        Tags =
        [
            new(TagNames.GameId, gameId), new(TagNames.Protocol, protocol), new(TagNames.Loss, loss),
        ];
        string DeviceOf(PlayerRole player, string specified) => locations?.FirstOrDefault(l => l.Player == player)?.Device ?? specified;
        GeneratorTags = [.. Tags, new(TagNames.Player, Generator), new(TagNames.Device, DeviceOf(PlayerRole.Generator, spec.Generator.Device))];
        DiscriminatorTags = [.. Tags, new(TagNames.Player, Discriminator), new(TagNames.Device, DeviceOf(PlayerRole.Discriminator, spec.Discriminator.Device))];
        RealTags = [.. Tags, new(TagNames.Sample, "real")];
        FakeTags = [.. Tags, new(TagNames.Sample, "fake")];
        StateTags = Enum.GetValues<GameState>()
            .Where(s => s != GameState.Created)
            .Select(s => (s, (KeyValuePair<string, object?>[])[.. Tags, new(TagNames.State, StateName(s))]))
            .ToArray();
    }

    /// <summary>The game's id (the game grain's key).</summary>
    public string GameId { get; }

    /// <summary>game_id, protocol and loss: the labels of every series of this game.</summary>
    internal KeyValuePair<string, object?>[] Tags { get; }

    internal KeyValuePair<string, object?>[] GeneratorTags { get; }

    internal KeyValuePair<string, object?>[] DiscriminatorTags { get; }

    internal KeyValuePair<string, object?>[] RealTags { get; }

    internal KeyValuePair<string, object?>[] FakeTags { get; }

    /// <summary>One label set per state a started game can be in, for the one-hot state gauge.</summary>
    internal (GameState State, KeyValuePair<string, object?>[] Tags)[] StateTags { get; }

    /// <summary>When the game stopped playing (finished, diverged, failed or cancelled); null while it runs.</summary>
    internal DateTimeOffset? EndedAt
    {
        get
        {
            lock (_lock)
            {
                return _endedAt;
            }
        }
    }

    /// <summary>The latest diagnosis's figures, or null before the first.</summary>
    internal DiagnosisFigures? Diagnosis
    {
        get
        {
            lock (_lock)
            {
                return _diagnosis;
            }
        }
    }

    /// <summary>A consistent copy of the figures, for one collection.</summary>
    internal (long Rounds, RoundRecord? Round, EvaluationFigures? Evaluation, GameState State) Read()
    {
        lock (_lock)
        {
            return (_rounds, _round, _evaluation, _state);
        }
    }

    /// <summary>The state label's value: the state's name in lower case ("running", "finished", "diverged", ...).</summary>
    internal static string StateName(GameState state) => state.ToString().ToLowerInvariant();

    internal void Played(RoundRecord round)
    {
        lock (_lock)
        {
            _rounds++;
            _round = round;
        }
    }

    internal void Evaluated(EvaluationRecord evaluation)
    {
        lock (_lock)
        {
            _evaluation = new EvaluationFigures(evaluation.Round, evaluation.ModesCovered, evaluation.ModeCount, evaluation.HighQualityFraction, evaluation.FrechetDistance);
        }
    }

    internal void Diagnosed(Diagnosis diagnosis)
    {
        double? Extreme(SpectralOperator op, EigenvalueSelection selection, Func<EigenvalueEstimate, double> value, bool largest) =>
            diagnosis.Spectrum(op, selection) is { Eigenvalues.Count: > 0 } s ? (largest ? s.Eigenvalues.Max(value) : s.Eigenvalues.Min(value)) : null;
        var eigenvalues = new (string Operator, string End, double? Value)[]
        {
            ("jacobian", "largest_modulus", Extreme(SpectralOperator.GameJacobian, EigenvalueSelection.LargestMagnitude, e => e.Magnitude, true)),
            ("jacobian", "smallest_real", Extreme(SpectralOperator.GameJacobian, EigenvalueSelection.SmallestReal, e => e.Real, false)),
            ("generator_hessian", "largest", Extreme(SpectralOperator.GeneratorHessian, EigenvalueSelection.LargestReal, e => e.Real, true)),
            ("generator_hessian", "smallest", Extreme(SpectralOperator.GeneratorHessian, EigenvalueSelection.SmallestReal, e => e.Real, false)),
            ("discriminator_hessian", "largest", Extreme(SpectralOperator.DiscriminatorHessian, EigenvalueSelection.LargestReal, e => e.Real, true)),
            ("discriminator_hessian", "smallest", Extreme(SpectralOperator.DiscriminatorHessian, EigenvalueSelection.SmallestReal, e => e.Real, false)),
        };
        var figures = new DiagnosisFigures(diagnosis.Round, diagnosis.Field.Ratio,
            eigenvalues.Where(e => e.Value is not null)
                .Select(e => (e.Value!.Value, (KeyValuePair<string, object?>[])[.. Tags, new(TagNames.Operator, e.Operator), new(TagNames.End, e.End)]))
                .ToArray(),
            new[] { ("plain", diagnosis.DualityGap), ("perturbed", diagnosis.PerturbedDualityGap) }
                .Where(g => g.Item2 is not null)
                .Select(g => (g.Item2!.Gap, (KeyValuePair<string, object?>[])[.. Tags, new(TagNames.Variant, g.Item1)]))
                .ToArray());
        lock (_lock)
        {
            _diagnosis = figures;
        }
    }

    internal void Ended(GameState state, DateTimeOffset now)
    {
        lock (_lock)
        {
            _state = state;
            _endedAt = now;
        }
    }

    /// <summary>The figures of a diagnosis that the metrics show: its round, the stationarity ratio, the extreme eigenvalues and the gaps, each with its labels.</summary>
    internal sealed record DiagnosisFigures(
        int Round, double StationarityRatio,
        (double Value, KeyValuePair<string, object?>[] Tags)[] Eigenvalues,
        (double Value, KeyValuePair<string, object?>[] Tags)[] DualityGaps);

    /// <summary>The figures of an evaluation that the metrics show (not its samples).</summary>
    internal sealed record EvaluationFigures(int Round, int ModesCovered, int ModeCount, double HighQualityFraction, double? FrechetDistance);
}
