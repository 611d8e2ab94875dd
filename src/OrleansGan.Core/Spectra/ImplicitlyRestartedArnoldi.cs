using System.Diagnostics;
using Complex = System.Numerics.Complex;
using OrleansGan.Abstractions.Diagnostics;

namespace OrleansGan.Core.Spectra;

/// <summary>
/// The k eigenvalues of a real, non-symmetric operator at one end of its spectrum, by implicitly restarted Arnoldi
/// with exact shifts (Sorensen 1992; Lehoucq, Sorensen and Yang, the ARPACK Users' Guide, 1998): build an m-step
/// Arnoldi relation, take the Ritz values of H_m, apply the m - k unwanted ones as shifts (which filters the starting
/// vector by a polynomial vanishing on them), keep k vectors and extend to m again, until the k wanted Ritz values'
/// estimated residuals fall below the tolerance. As in ARPACK, a few more vectors are kept as Ritz values converge,
/// so that the restart does not stall on them. "By a shift" in the sense of the issue: a Krylov space is the same for
/// A and A - sigma I, so asking for the smallest real parts is ordering the Ritz values by real part (ARPACK's "SR"),
/// not a different iteration. Written by hand because no .NET library offers a restarted Arnoldi method that runs on
/// vectors it does not own (MathNet's dense eigensolvers do the small problems inside).
/// </summary>
public static class ImplicitlyRestartedArnoldi
{
    /// <summary>Solves <paramref name="request"/> for the operator of <paramref name="space"/>.</summary>
    /// <param name="space">The space, with at least <see cref="EigenRequest.SlotsFor"/> slots.</param>
    /// <param name="request">How many, which end, the tolerance.</param>
    /// <param name="operatorName">Whose spectrum, for the result.</param>
    /// <param name="onProduct">Called after each product, for progress.</param>
    /// <param name="cancel">Stops between products.</param>
    public static async Task<SpectrumEstimate> SolveAsync(
        IKrylovSpace space, EigenRequest request, SpectralOperator operatorName, Action? onProduct = null, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var (factorization, n, m, k) = await KrylovFactorization.BuildAsync(space, request, onProduct, cancel);

        var restarts = 0;
        IReadOnlyList<RitzPair> pairs;
        IReadOnlyList<int> order;
        double scale;
        while (true)
        {
            var h = factorization.Projected;
            pairs = RitzPair.Of(h);
            order = SpectrumOrder.Of(pairs, request.Selection);
            scale = Math.Max(pairs.Max(p => p.Value.Magnitude), double.Epsilon);
            var wanted = SpectrumOrder.Keep(pairs, order, k);
            var converged = order.Take(wanted).Count(i => RitzResiduals.Estimate(factorization, pairs[i]) <= request.Tolerance * scale);

            // The whole space is spanned (a small game): H is A in another basis, nothing is left to filter.
            if (converged >= wanted || factorization.Size >= n || restarts >= request.MaxRestarts)
            {
                break;
            }

            // Keep the wanted values and, as ARPACK does, up to half the unwanted room more as values converge.
            var keep = SpectrumOrder.Keep(pairs, order, Math.Min(wanted + Math.Min(converged, (m - wanted) / 2), m - 2));
            if (keep >= m - 1)
            {
                keep = SpectrumOrder.Keep(pairs, order, wanted);
            }

            if (keep >= m)
            {
                break;
            }

            var shifts = order.Skip(keep).Select(i => pairs[i].Value).ToList();
            var shifted = h.Clone();
            var q = HessenbergShifts.Apply(shifted, shifts);
            await factorization.TruncateAsync(q, shifted, keep);
            await factorization.ExtendAsync(m);
            restarts++;
        }

        var chosen = order.Take(SpectrumOrder.Keep(pairs, order, k)).Take(k).ToList();
        var estimates = await RitzResiduals.MeasureAsync(factorization, pairs, chosen, request.Tolerance, scale, cancel);
        var residualProducts = chosen.Count(i => pairs[i].Partner < 0) + (2 * chosen.Where(i => pairs[i].Partner >= 0).Select(i => Math.Min(i, pairs[i].Partner)).Distinct().Count());
        return new SpectrumEstimate(operatorName, request.Selection, estimates, scale, factorization.Products + residualProducts, restarts, clock.Elapsed.TotalSeconds);
    }
}
