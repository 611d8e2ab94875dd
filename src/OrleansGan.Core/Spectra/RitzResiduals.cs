using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;
using OrleansGan.Abstractions.Diagnostics;

namespace OrleansGan.Core.Spectra;

/// <summary>
/// The evidence for each Ritz value: its Ritz vector y = V s is formed in the space, A is applied to it once more, and
/// |A y - theta y| / |y| is measured there, rather than trusted from the Krylov relation (which loses its meaning if the
/// basis lost orthogonality). A complex pair shares one vector (y_r + i y_i and its conjugate), so it costs two
/// products; a real value one.
/// </summary>
internal static class RitzResiduals
{
    public static async Task<IReadOnlyList<EigenvalueEstimate>> MeasureAsync(
        KrylovFactorization factorization, IReadOnlyList<RitzPair> pairs, IReadOnlyList<int> chosen, double tolerance, double scale, CancellationToken cancel)
    {
        var space = factorization.Space;
        var j = factorization.Size;
        var basis = Enumerable.Range(0, j).ToList();
        var (yr, yi, ayr, ayi, rr, ri) = (factorization.ScratchSlot, factorization.ScratchSlot + 1, factorization.ScratchSlot + 2,
            factorization.ScratchSlot + 3, factorization.ScratchSlot + 4, factorization.ScratchSlot + 5);
        var residuals = new Dictionary<int, double>();
        foreach (var index in chosen)
        {
            var pair = pairs[index];
            if (pair.Partner >= 0 && residuals.TryGetValue(pair.Partner, out var shared))
            {
                residuals[index] = shared;
                continue;
            }

            var theta = pair.Value;
            var complex = pair.Partner >= 0;
            var s = pair.Vector;
            var coefficients = Matrix<double>.Build.Dense(j, complex ? 2 : 1, (r, c) => c == 0 ? s[r].Real : s[r].Imaginary);
            await space.CombineAsync(basis, coefficients, complex ? [yr, yi] : [yr], cancel);
            await space.ApplyAsync(yr, ayr, cancel);
            double residual;
            if (complex)
            {
                await space.ApplyAsync(yi, ayi, cancel);

                // A (y_r + i y_i) - (t_r + i t_i)(y_r + i y_i), split into real and imaginary parts.
                var combination = Matrix<double>.Build.DenseOfArray(new[,]
                {
                    { 1, 0 },
                    { 0, 1 },
                    { -theta.Real, -theta.Imaginary },
                    { theta.Imaginary, -theta.Real },
                });
                await space.CombineAsync([ayr, ayi, yr, yi], combination, [rr, ri], cancel);
                var gram = await space.GramAsync([rr, ri, yr, yi], [rr, ri, yr, yi], cancel);
                residual = Math.Sqrt(Math.Max(gram[0, 0] + gram[1, 1], 0) / (gram[2, 2] + gram[3, 3]));
            }
            else
            {
                await space.CombineAsync([ayr, yr], Matrix<double>.Build.DenseOfArray(new[,] { { 1 }, { -theta.Real } }), [rr], cancel);
                var gram = await space.GramAsync([rr, yr], [rr, yr], cancel);
                residual = Math.Sqrt(Math.Max(gram[0, 0], 0) / gram[1, 1]);
            }

            residuals[index] = residual;
        }

        return chosen.Select(i => new EigenvalueEstimate(pairs[i].Value.Real, pairs[i].Value.Imaginary, residuals[i], residuals[i] <= tolerance * scale)).ToList();
    }

    /// <summary>The Krylov estimate of theta's residual, |f| |b^T s|, which needs no product.</summary>
    public static double Estimate(KrylovFactorization factorization, RitzPair pair)
    {
        var b = factorization.B;
        var sum = Complex.Zero;
        for (var i = 0; i < b.Count; i++)
        {
            sum += b[i] * pair.Vector[i];
        }

        return factorization.Beta * sum.Magnitude;
    }
}
