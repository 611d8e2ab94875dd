namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>
/// What kind of point the players are at. The properties, each with its evidence: stationary (the field is zero up
/// to its sampling noise), locally stable (every eigenvalue of J has a positive real part), each player's Hessian
/// positive definite, and, for a zero-sum game, the Schur complement positive definite. The classes they make:
/// a differential Nash equilibrium (Ratliff et al. 2013: stationary, H_G &gt; 0, H_D &gt; 0), a locally stable stationary
/// point (Berard et al. 2020: stationary, Re lambda(J) &gt; 0), a strict local minimax (Jin, Netrapalli and Jordan 2019:
/// stationary, H_D &gt; 0 and the Schur complement &gt; 0, zero-sum games only).
/// </summary>
/// <param name="ZeroSum">
/// Whether J's off-diagonal blocks are minus each other's transposes (C = -B^T), checked on random directions: the game
/// is zero-sum at this point to second order, which is what the Schur-complement test needs (the non-saturating
/// Dirac-GAN is, at its equilibrium, though not globally).
/// </param>
/// <param name="SchurComplementPositive">Null unless the game is zero-sum and H_D is positive definite.</param>
/// <param name="StrictLocalMinimax">Null unless the game is zero-sum.</param>
/// <param name="Classification">One line for people: the most specific class the evidence supports.</param>
[GenerateSerializer, Immutable]
public sealed record EquilibriumVerdict(
    [property: Id(0)] Finding Stationary,
    [property: Id(1)] Finding LocallyStable,
    [property: Id(2)] Finding GeneratorHessianPositive,
    [property: Id(3)] Finding DiscriminatorHessianPositive,
    [property: Id(4)] Finding ZeroSum,
    [property: Id(5)] Finding? SchurComplementPositive,
    [property: Id(6)] Finding DifferentialNash,
    [property: Id(7)] Finding LocallyStableStationaryPoint,
    [property: Id(8)] Finding? StrictLocalMinimax,
    [property: Id(9)] string Classification);
