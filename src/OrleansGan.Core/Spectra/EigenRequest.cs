using OrleansGan.Abstractions.Diagnostics;

namespace OrleansGan.Core.Spectra;

/// <summary>What an eigensolver is asked for.</summary>
/// <param name="Count">How many eigenvalues (k).</param>
/// <param name="Selection">Which end of the spectrum.</param>
/// <param name="Subspace">
/// The Krylov subspace's dimension m (ARPACK's ncv); 0 picks scipy's default max(2k + 1, 20) for the largest moduli and
/// max(4k + 8, 40) for the other ends, whose eigenvalues crowd nearer the spectrum's bulk and need more room to separate.
/// </param>
/// <param name="Tolerance">Converged when |A y - lambda y| &lt;= Tolerance times the spectrum's scale (its largest Ritz modulus).</param>
/// <param name="MaxRestarts">Restarts before giving up with what has converged.</param>
/// <param name="Seed">The seed of the starting vector.</param>
public sealed record EigenRequest(int Count, EigenvalueSelection Selection, int Subspace = 0, double Tolerance = 1e-8, int MaxRestarts = 300, ulong Seed = 1)
{
    /// <summary>Slots a space needs beside the basis: the residual vector and six for the final residual checks.</summary>
    public const int ExtraSlots = 7;

    /// <summary>The subspace dimension used for a space of dimension <paramref name="dimension"/>: never more than n.</summary>
    public int SubspaceFor(long dimension)
    {
        var m = Subspace > 0 ? Subspace
            : Selection == EigenvalueSelection.LargestMagnitude ? Math.Max((2 * Count) + 1, 20) : Math.Max((4 * Count) + 8, 40);
        return (int)Math.Min(dimension, Math.Max(m, Count + 2));
    }

    /// <summary>The slots a space of dimension <paramref name="dimension"/> needs for this request.</summary>
    public int SlotsFor(long dimension) => SubspaceFor(dimension) + ExtraSlots;

    /// <summary>Throws unless the request makes sense.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Count, 1, nameof(Count));
        if (!(Tolerance > 0 && Tolerance < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "the tolerance must lie in (0, 1)");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxRestarts, nameof(MaxRestarts));
    }
}
