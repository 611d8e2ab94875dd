namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>The eigenvalues of one operator at one end of its spectrum, and what it cost to find them.</summary>
/// <param name="Operator">Whose spectrum.</param>
/// <param name="Selection">Which end.</param>
/// <param name="Eigenvalues">Best first (largest modulus, largest or smallest real part).</param>
/// <param name="Scale">The largest Ritz modulus seen: the scale residuals and tolerances are measured against.</param>
/// <param name="Products">Operator-vector products used, residual checks included.</param>
/// <param name="Restarts">Restarts of the Krylov factorization.</param>
/// <param name="Seconds">Wall time.</param>
[GenerateSerializer, Immutable]
public sealed record SpectrumEstimate(
    [property: Id(0)] SpectralOperator Operator,
    [property: Id(1)] EigenvalueSelection Selection,
    [property: Id(2)] IReadOnlyList<EigenvalueEstimate> Eigenvalues,
    [property: Id(3)] double Scale,
    [property: Id(4)] int Products,
    [property: Id(5)] int Restarts,
    [property: Id(6)] double Seconds)
{
    /// <summary>Every eigenvalue reported converged.</summary>
    public bool Converged => Eigenvalues.Count > 0 && Eigenvalues.All(e => e.Converged);
}
