using OrleansGan.Abstractions.Messages;

namespace OrleansGan.Abstractions.Spec;

/// <summary>
/// The equilibrium diagnostics of a point of the game (spec section <c>diagnostics</c>, and the <c>diagnose</c>
/// command's options): the spectra of the game Jacobian and of each player's Hessian on a fixed diagnostic batch, the
/// verdict they support, the path-angle from the previous point, and the duality gap.
/// </summary>
/// <param name="Every">During a game, diagnose every this many rounds (and after the last); 0 never.</param>
/// <param name="BatchSize">Samples in the fixed diagnostic batch (Berard et al. 2020 use one batch of 1,000).</param>
/// <param name="Chunks">Equal chunks of the batch whose fields measure the field's sampling noise (the stationarity test).</param>
/// <param name="Eigenvalues">How many eigenvalues of J of largest modulus.</param>
/// <param name="ExtremeEigenvalues">How many at each other end: J's smallest real parts, the largest and smallest of H_G and of H_D.</param>
/// <param name="Tolerance">An eigenvalue has converged when |A y - lambda y| is at most this times its spectrum's scale.</param>
/// <param name="MaxRestarts">Restarts of each Krylov method before it reports what has converged.</param>
/// <param name="Precision">The precision of the products: float64 (exact to rounding) or float32 (twice as fast, residuals near 1e-4).</param>
/// <param name="DualityGap">The duality gap's worst-case training.</param>
/// <param name="PathAngle">The path-angle along the segment from the previous point.</param>
[GenerateSerializer, Immutable]
public sealed record DiagnosticsSpec(
    [property: Id(0)] int Every,
    [property: Id(1)] int BatchSize,
    [property: Id(2)] int Chunks,
    [property: Id(3)] int Eigenvalues,
    [property: Id(4)] int ExtremeEigenvalues,
    [property: Id(5)] double Tolerance,
    [property: Id(6)] int MaxRestarts,
    [property: Id(7)] TensorPrecision Precision,
    [property: Id(8)] DualityGapSpec DualityGap,
    [property: Id(9)] PathAngleSpec PathAngle);
