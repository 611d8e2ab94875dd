using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>Which point of which game to diagnose, and how.</summary>
/// <param name="GameId">The game whose checkpoints the silo's store holds.</param>
/// <param name="Round">A round with a kept checkpoint; null for the latest checkpoint.</param>
/// <param name="FromRound">The path-angle's start: 0 for the players' initialisation (rebuilt from the seed), else a round with a kept checkpoint.</param>
/// <param name="Options">How to diagnose; null for the game's own <c>diagnostics</c> section.</param>
[GenerateSerializer, Immutable]
public sealed record DiagnosisRequest(
    [property: Id(0)] string GameId,
    [property: Id(1)] int? Round = null,
    [property: Id(2)] int FromRound = 0,
    [property: Id(3)] DiagnosticsSpec? Options = null);
