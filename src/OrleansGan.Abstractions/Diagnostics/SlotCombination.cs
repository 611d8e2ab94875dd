namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>
/// slot[Targets[j]] = sum_i Coefficients[i, j] slot[Sources[i]] on each player's block: how the Krylov methods rewrite
/// their basis without any vector leaving its player. Coefficients are row-major, Sources x Targets.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SlotCombination(
    [property: Id(0)] int[] Sources,
    [property: Id(1)] double[] Coefficients,
    [property: Id(2)] int[] Targets);
