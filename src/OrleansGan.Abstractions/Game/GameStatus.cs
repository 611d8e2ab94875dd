namespace OrleansGan.Abstractions.Game;

/// <summary>A game's progress, with the rounds and evaluations the caller has not seen yet.</summary>
/// <param name="State">Where the game is.</param>
/// <param name="RoundsCompleted">Rounds played so far.</param>
/// <param name="TotalRounds">Rounds the spec asks for.</param>
/// <param name="ElapsedSeconds">Wall time spent playing rounds and evaluating.</param>
/// <param name="NewRounds">Round records after the caller's cursor.</param>
/// <param name="NewEvaluations">Evaluations after the caller's cursor.</param>
/// <param name="Error">Why the game failed or diverged; null otherwise.</param>
/// <param name="Players">Where each player lives, once seated.</param>
/// <param name="Silo">The silo the game grain itself lives on.</param>
/// <param name="Recoveries">How many times the game recovered, from a lost player or silo or from a move that TorchSharp's Scalar race broke, by going back to its checkpoint.</param>
/// <param name="EvaluationsCompleted">Evaluations taken so far.</param>
/// <param name="Diagnoses">How many in-game diagnoses the game holds (spec section diagnostics); <c>IGameGrain.GetDiagnosesAsync</c> returns them.</param>
[GenerateSerializer, Immutable]
public sealed record GameStatus(
    [property: Id(0)] GameState State,
    [property: Id(1)] int RoundsCompleted,
    [property: Id(2)] int TotalRounds,
    [property: Id(3)] double ElapsedSeconds,
    [property: Id(4)] IReadOnlyList<RoundRecord> NewRounds,
    [property: Id(5)] IReadOnlyList<EvaluationRecord> NewEvaluations,
    [property: Id(6)] string? Error,
    [property: Id(7)] IReadOnlyList<PlayerLocation>? Players = null,
    [property: Id(8)] string? Silo = null,
    [property: Id(9)] int Recoveries = 0,
    [property: Id(10)] int EvaluationsCompleted = 0,
    [property: Id(11)] int Diagnoses = 0)
{
    /// <summary>True when no more rounds will be played.</summary>
    public bool IsOver => State is GameState.Finished or GameState.Diverged or GameState.Failed or GameState.Cancelled;
}
