using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;

namespace OrleansGan.Core.Spectra;

/// <summary>
/// An eigenpair (theta, s) of the small projected matrix H: theta approximates an eigenvalue of A and V s its
/// eigenvector. A real H has its complex eigenvalues in conjugate pairs; <see cref="Partner"/> names the other one.
/// </summary>
/// <param name="Value">theta.</param>
/// <param name="Vector">s, of unit norm.</param>
/// <param name="Partner">The index of theta's conjugate among the pairs, or -1 for a real theta.</param>
internal sealed record RitzPair(Complex Value, Vector<Complex> Vector, int Partner)
{
    /// <summary>The eigenpairs of a general real matrix, from MathNet's real eigendecomposition.</summary>
    public static IReadOnlyList<RitzPair> Of(Matrix<double> h)
    {
        // MathNet returns D block diagonal with 2x2 blocks [l, m; -m, l] for l +- i m, and A V = V D: for the columns
        // (v1, v2) of such a block, A (v1 + i v2) = (l + i m)(v1 + i v2).
        var evd = h.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Asymmetric);
        var d = evd.D;
        var v = evd.EigenVectors;
        var n = h.RowCount;
        var pairs = new List<RitzPair>(n);
        for (var c = 0; c < n; c++)
        {
            if (c + 1 < n && d[c, c + 1] != 0)
            {
                var value = new Complex(d[c, c], d[c, c + 1]);
                var vector = Vector<Complex>.Build.Dense(n, i => new Complex(v[i, c], v[i, c + 1]));
                vector = vector / vector.L2Norm();
                pairs.Add(new RitzPair(value, vector, c + 1));
                pairs.Add(new RitzPair(Complex.Conjugate(value), vector.Conjugate(), c));
                c++;
            }
            else
            {
                var vector = Vector<Complex>.Build.Dense(n, i => new Complex(v[i, c], 0));
                pairs.Add(new RitzPair(new Complex(d[c, c], 0), vector / vector.L2Norm(), -1));
            }
        }

        return pairs;
    }

    /// <summary>The eigenpairs of the symmetric part of <paramref name="h"/> (which is H itself for a symmetric A, up to rounding).</summary>
    public static IReadOnlyList<RitzPair> OfSymmetric(Matrix<double> h)
    {
        var symmetric = (h + h.Transpose()) / 2;
        var evd = symmetric.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var n = h.RowCount;
        return Enumerable.Range(0, n)
            .Select(c => new RitzPair(new Complex(evd.EigenValues[c].Real, 0), Vector<Complex>.Build.Dense(n, i => new Complex(evd.EigenVectors[i, c], 0)), -1))
            .ToList();
    }
}
