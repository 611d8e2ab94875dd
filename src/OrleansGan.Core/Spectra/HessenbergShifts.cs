using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;

namespace OrleansGan.Core.Spectra;

/// <summary>
/// Implicitly shifted QR steps on an upper Hessenberg matrix, H &lt;- Q^T H Q, with the orthogonal Q accumulated: the
/// restart of implicitly restarted Arnoldi (Sorensen 1992; ARPACK's dnapps). A real shift is one Givens sweep
/// (Golub and Van Loan, section 7.4.2); a complex conjugate pair is one Francis double step in real arithmetic
/// (Algorithm 7.5.1, with the pair given instead of the trailing 2x2 block's eigenvalues). Each shift is applied to
/// every unreduced diagonal block, as ARPACK does. Written by hand because MathNet exposes no Hessenberg QR step.
/// </summary>
internal static class HessenbergShifts
{
    /// <summary>
    /// Applies the shifts to <paramref name="h"/> in place and returns Q. Each conjugate pair is applied once, as a
    /// double step; the list must hold both members of every pair.
    /// </summary>
    public static Matrix<double> Apply(Matrix<double> h, IEnumerable<Complex> shifts)
    {
        var n = h.RowCount;
        var q = Matrix<double>.Build.DenseIdentity(n);
        foreach (var shift in shifts)
        {
            if (shift.Imaginary < 0)
            {
                continue; // its conjugate carries the double step
            }

            foreach (var (first, last) in UnreducedBlocks(h))
            {
                if (shift.Imaginary == 0)
                {
                    SingleStep(h, q, first, last, shift.Real);
                }
                else if (last - first >= 2)
                {
                    // ARPACK: no reason to apply a complex pair to a 2x2 block.
                    DoubleStep(h, q, first, last, 2 * shift.Real, (shift.Real * shift.Real) + (shift.Imaginary * shift.Imaginary));
                }
            }
        }

        // What the sweeps leave below the subdiagonal is rounding.
        for (var i = 2; i < n; i++)
        {
            for (var j = 0; j < i - 1; j++)
            {
                h[i, j] = 0;
            }
        }

        return q;
    }

    // Blocks [first, last] of size >= 2 between negligible subdiagonal entries, which are set to zero.
    private static List<(int First, int Last)> UnreducedBlocks(Matrix<double> h)
    {
        var n = h.RowCount;
        var blocks = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < n - 1; i++)
        {
            var scale = Math.Abs(h[i, i]) + Math.Abs(h[i + 1, i + 1]);
            if (Math.Abs(h[i + 1, i]) <= MathNet.Numerics.Precision.DoublePrecision * (scale == 0 ? 1 : scale))
            {
                h[i + 1, i] = 0;
                if (i > start)
                {
                    blocks.Add((start, i));
                }

                start = i + 1;
            }
        }

        if (n - 1 > start)
        {
            blocks.Add((start, n - 1));
        }

        return blocks;
    }

    private static void SingleStep(Matrix<double> h, Matrix<double> q, int first, int last, double shift)
    {
        var n = h.RowCount;
        var x = h[first, first] - shift;
        var y = h[first + 1, first];
        for (var k = first; k < last; k++)
        {
            var r = Hypot(x, y);
            var (c, s) = r == 0 ? (1.0, 0.0) : (x / r, y / r);

            // Rows k, k+1 <- R rows, R = [c s; -s c], from the first column that can be non-zero.
            for (var j = Math.Max(first, k - 1); j < n; j++)
            {
                var a = h[k, j];
                var b = h[k + 1, j];
                h[k, j] = (c * a) + (s * b);
                h[k + 1, j] = (-s * a) + (c * b);
            }

            // Columns k, k+1 <- columns R^T, down to the last row that can be non-zero.
            var bottom = Math.Min(k + 2, last);
            for (var i = 0; i <= bottom; i++)
            {
                var a = h[i, k];
                var b = h[i, k + 1];
                h[i, k] = (c * a) + (s * b);
                h[i, k + 1] = (-s * a) + (c * b);
            }

            for (var i = 0; i < n; i++)
            {
                var a = q[i, k];
                var b = q[i, k + 1];
                q[i, k] = (c * a) + (s * b);
                q[i, k + 1] = (-s * a) + (c * b);
            }

            if (k < last - 1)
            {
                x = h[k + 1, k];
                y = h[k + 2, k];
            }
        }
    }

    private static void DoubleStep(Matrix<double> h, Matrix<double> q, int first, int last, double s, double t)
    {
        var n = h.RowCount;
        var l = first;

        // The first column of (H - mu I)(H - conj(mu) I) = H^2 - s H + t I.
        var x = (h[l, l] * h[l, l]) + (h[l, l + 1] * h[l + 1, l]) - (s * h[l, l]) + t;
        var y = h[l + 1, l] * (h[l, l] + h[l + 1, l + 1] - s);
        var z = h[l + 1, l] * h[l + 2, l + 1];
        for (var k = first; k <= last - 2; k++)
        {
            var (v, beta) = Householder([x, y, z]);
            Reflect(h, q, v, beta, k, Math.Max(first, k - 1), Math.Min(k + 3, last));
            x = h[k + 1, k];
            y = h[k + 2, k];
            if (k < last - 2)
            {
                z = h[k + 3, k];
            }
        }

        var (w, gamma) = Householder([x, y]);
        Reflect(h, q, w, gamma, last - 1, last - 2, last);
    }

    // H <- P H P, Q <- Q P with P = I - beta v v^T acting on rows/columns k .. k + |v| - 1; row updates start at
    // column fromColumn, column updates stop at row toRow.
    private static void Reflect(Matrix<double> h, Matrix<double> q, double[] v, double beta, int k, int fromColumn, int toRow)
    {
        if (beta == 0)
        {
            return;
        }

        var n = h.RowCount;
        var size = v.Length;
        for (var j = fromColumn; j < n; j++)
        {
            var dot = 0.0;
            for (var i = 0; i < size; i++)
            {
                dot += v[i] * h[k + i, j];
            }

            for (var i = 0; i < size; i++)
            {
                h[k + i, j] -= beta * v[i] * dot;
            }
        }

        for (var i = 0; i <= toRow; i++)
        {
            ReflectRow(h, i, v, beta, k);
        }

        for (var i = 0; i < n; i++)
        {
            ReflectRow(q, i, v, beta, k);
        }
    }

    private static void ReflectRow(Matrix<double> m, int row, double[] v, double beta, int k)
    {
        var dot = 0.0;
        for (var j = 0; j < v.Length; j++)
        {
            dot += m[row, k + j] * v[j];
        }

        for (var j = 0; j < v.Length; j++)
        {
            m[row, k + j] -= beta * dot * v[j];
        }
    }

    // P = I - beta v v^T with P x = -sign(x_0) |x| e_0; beta = 0 (P = I) for x = 0.
    private static (double[] V, double Beta) Householder(double[] x)
    {
        var norm = Math.Sqrt(x.Sum(e => e * e));
        if (norm == 0)
        {
            return (x, 0);
        }

        var alpha = x[0] >= 0 ? -norm : norm;
        var v = (double[])x.Clone();
        v[0] -= alpha;
        var vv = v.Sum(e => e * e);
        return vv == 0 ? (v, 0) : (v, 2 / vv);
    }

    private static double Hypot(double a, double b) => Math.Sqrt((a * a) + (b * b));
}
