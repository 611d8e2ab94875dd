using MathNet.Numerics.LinearAlgebra;

namespace OrleansGan.Core.Evaluation;

/// <summary>
/// The Fréchet distance between two Gaussians fitted to feature vectors, the FID of Heusel et al. 2017 (eq. 6):
/// d² = |μ₁ − μ₂|² + Tr(Σ₁ + Σ₂ − 2 (Σ₁ Σ₂)^½).
/// </summary>
public static class FrechetDistance
{
    /// <summary>The mean and the (n − 1)-normalised covariance of <paramref name="count"/> row-major feature vectors.</summary>
    public static (Vector<double> Mean, Matrix<double> Covariance) Statistics(ReadOnlySpan<float> features, int count, int dimension)
    {
        if (count < 2 || features.Length != (long)count * dimension)
        {
            throw new ArgumentException($"{features.Length} values are not {count} >= 2 vectors of {dimension}", nameof(features));
        }

        var data = Matrix<double>.Build.Dense(count, dimension);
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < dimension; j++)
            {
                data[i, j] = features[(i * dimension) + j];
            }
        }

        var mean = data.ColumnSums() / count;
        var centred = data - Matrix<double>.Build.Dense(count, dimension, (_, j) => mean[j]);
        return (mean, centred.TransposeThisAndMultiply(centred) / (count - 1));
    }

    /// <summary>
    /// The distance between N(μ₁, Σ₁) and N(μ₂, Σ₂). Tr (Σ₁ Σ₂)^½ is taken as Tr (Σ₁^½ Σ₂ Σ₁^½)^½: the two matrices are
    /// similar, and the second is symmetric positive semi-definite, so both roots come from symmetric
    /// eigen-decompositions with real eigenvalues (negative round-off is clipped to 0) instead of a general
    /// square root of the non-symmetric Σ₁ Σ₂.
    /// </summary>
    public static double Between(Vector<double> mean1, Matrix<double> covariance1, Vector<double> mean2, Matrix<double> covariance2)
    {
        if (mean1.Count != mean2.Count || covariance1.RowCount != mean1.Count || covariance2.RowCount != mean2.Count
            || covariance1.ColumnCount != mean1.Count || covariance2.ColumnCount != mean2.Count)
        {
            throw new ArgumentException("the two Gaussians must have the same dimension");
        }

        var root1 = SymmetricRoot(covariance1);
        var product = root1 * covariance2 * root1;
        var traceRoot = SymmetricEigenvalues(product).Sum(l => Math.Sqrt(Math.Max(l, 0)));
        var difference = mean1 - mean2;
        var distance = difference.DotProduct(difference) + covariance1.Trace() + covariance2.Trace() - (2 * traceRoot);

        // Exactly equal Gaussians can come out a hair below zero.
        return Math.Max(distance, 0);
    }

    private static Matrix<double> Symmetrize(Matrix<double> m) => (m + m.Transpose()) / 2;

    private static double[] SymmetricEigenvalues(Matrix<double> m) =>
        Symmetrize(m).Evd(Symmetricity.Symmetric).EigenValues.Select(l => l.Real).ToArray();

    private static Matrix<double> SymmetricRoot(Matrix<double> m)
    {
        var evd = Symmetrize(m).Evd(Symmetricity.Symmetric);
        var roots = Vector<double>.Build.Dense(evd.EigenValues.Count, i => Math.Sqrt(Math.Max(evd.EigenValues[i].Real, 0)));
        return evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalVector(roots) * evd.EigenVectors.Transpose();
    }
}
