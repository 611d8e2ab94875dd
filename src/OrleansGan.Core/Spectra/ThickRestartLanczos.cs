using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using OrleansGan.Abstractions.Diagnostics;

namespace OrleansGan.Core.Spectra;

/// <summary>
/// The k eigenvalues of a real symmetric operator at one end of its spectrum (largest, smallest, or largest in
/// modulus), by Lanczos with full re-orthogonalisation and thick restarts (Wu and Simon 2000; for a symmetric A this is
/// Stewart's Krylov-Schur): after m steps, keep the wanted Ritz vectors (and half the rest, best first) with H
/// diagonal and the residual's coupling b, and extend again. Used for the players' Hessians H_G and H_D and for the
/// Schur complement of a zero-sum game. Written by hand for the same reason as <see cref="ImplicitlyRestartedArnoldi"/>.
/// </summary>
public static class ThickRestartLanczos
{
    /// <summary>Solves <paramref name="request"/> for the symmetric operator of <paramref name="space"/>.</summary>
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
            pairs = RitzPair.OfSymmetric(factorization.Projected);
            order = SpectrumOrder.Of(pairs, request.Selection);
            scale = Math.Max(pairs.Max(p => p.Value.Magnitude), double.Epsilon);
            var converged = order.Take(k).Count(i => RitzResiduals.Estimate(factorization, pairs[i]) <= request.Tolerance * scale);
            if (converged >= k || factorization.Size >= n || restarts >= request.MaxRestarts)
            {
                break;
            }

            var keep = Math.Min(m - 1, k + ((m - k) / 2));
            var kept = order.Take(keep).ToList();
            var s = Matrix<double>.Build.Dense(factorization.Size, keep, (r, c) => pairs[kept[c]].Vector[r].Real);
            await factorization.ThickRestartAsync(s, kept.Select(i => pairs[i].Value.Real).ToList());
            await factorization.ExtendAsync(m);
            restarts++;
        }

        var chosen = order.Take(k).ToList();
        var estimates = await RitzResiduals.MeasureAsync(factorization, pairs, chosen, request.Tolerance, scale, cancel);
        return new SpectrumEstimate(operatorName, request.Selection, estimates, scale, factorization.Products + chosen.Count, restarts, clock.Elapsed.TotalSeconds);
    }
}
