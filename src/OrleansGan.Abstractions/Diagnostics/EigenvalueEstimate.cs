namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>One eigenvalue found by a Krylov method, with the evidence for it.</summary>
/// <param name="Real">Re lambda.</param>
/// <param name="Imaginary">Im lambda (0 for a symmetric operator).</param>
/// <param name="Residual">|A y - lambda y| / |y| for its Ritz vector y, computed with one more product (not the Krylov estimate).</param>
/// <param name="Converged">The residual is within the solver's tolerance times the spectrum's scale.</param>
[GenerateSerializer, Immutable]
public sealed record EigenvalueEstimate(
    [property: Id(0)] double Real,
    [property: Id(1)] double Imaginary,
    [property: Id(2)] double Residual,
    [property: Id(3)] bool Converged)
{
    /// <summary>|lambda|.</summary>
    public double Magnitude => Math.Sqrt((Real * Real) + (Imaginary * Imaginary));
}
