using MathNet.Numerics.LinearAlgebra;
using OrleansGan.Core.Evaluation;

namespace OrleansGan.Core.Tests.Evaluation;

/// <summary>The Fréchet distance against closed forms: for commuting covariances Tr (Σ₁Σ₂)^½ = Σ √(aᵢ bᵢ).</summary>
public class FrechetDistanceTests
{
    private static readonly MatrixBuilder<double> M = Matrix<double>.Build;
    private static readonly VectorBuilder<double> V = Vector<double>.Build;

    /// <summary>|μ₁ − μ₂|² + Σ (√aᵢ − √bᵢ)²: the distance when both covariances are diagonal in one basis with eigenvalues a and b.</summary>
    private static double ClosedForm(double[] mean1, double[] a, double[] mean2, double[] b) =>
        mean1.Zip(mean2, (x, y) => (x - y) * (x - y)).Sum() + a.Zip(b, (x, y) => Math.Pow(Math.Sqrt(x) - Math.Sqrt(y), 2)).Sum();

    [Fact]
    public void One_dimension_gives_the_squared_mean_and_std_differences()
    {
        var d = FrechetDistance.Between(V.Dense([1.0]), M.Dense(1, 1, [4.0]), V.Dense([3.0]), M.Dense(1, 1, [9.0]));

        Assert.Equal(4 + 1, d, 10);
    }

    [Fact]
    public void Diagonal_covariances_match_the_closed_form()
    {
        double[] a = [1, 4, 0.25, 9], b = [4, 1, 1, 0.01];
        double[] mean1 = [0, 1, 2, 3], mean2 = [1, 1, -1, 3];

        var d = FrechetDistance.Between(V.Dense(mean1), M.DiagonalOfDiagonalArray(a), V.Dense(mean2), M.DiagonalOfDiagonalArray(b));

        Assert.Equal(ClosedForm(mean1, a, mean2, b), d, 9);
    }

    [Fact]
    public void Commuting_full_covariances_match_the_closed_form()
    {
        // Both covariances share the eigenvectors of a random rotation, so they commute but are not diagonal.
        var random = new Random(3);
        var q = M.Dense(5, 5, (_, _) => random.NextDouble() - 0.5).QR().Q;
        double[] a = [2, 0.5, 3, 1, 0.1], b = [1, 1, 0.2, 5, 0.1];
        var s1 = q * M.DiagonalOfDiagonalArray(a) * q.Transpose();
        var s2 = q * M.DiagonalOfDiagonalArray(b) * q.Transpose();
        Assert.True((s1 * s2 - s2 * s1).FrobeniusNorm() < 1e-9);
        Assert.True(Math.Abs(s1[0, 1]) > 1e-3);
        double[] mean1 = [1, 2, 3, 4, 5], mean2 = [0, 2, 3, 4, 7];

        var d = FrechetDistance.Between(V.Dense(mean1), s1, V.Dense(mean2), s2);

        Assert.Equal(ClosedForm(mean1, a, mean2, b), d, 9);
    }

    [Fact]
    public void The_distance_is_zero_for_equal_gaussians_and_symmetric_otherwise()
    {
        var random = new Random(5);
        var x = M.Dense(6, 6, (_, _) => random.NextDouble());
        var s1 = x * x.Transpose();
        var y = M.Dense(6, 6, (_, _) => random.NextDouble());
        var s2 = (y * y.Transpose()) + M.DenseIdentity(6);
        var mean = V.Dense(6, i => i);

        Assert.Equal(0, FrechetDistance.Between(mean, s1, mean, s1), 9);
        var forth = FrechetDistance.Between(mean, s1, mean * 2, s2);
        Assert.Equal(forth, FrechetDistance.Between(mean * 2, s2, mean, s1), 8);
        Assert.True(forth > 0);
    }

    [Fact]
    public void Statistics_are_the_sample_mean_and_unbiased_covariance()
    {
        float[] features = [1, 2, 3, 6, 5, 10];

        var (mean, covariance) = FrechetDistance.Statistics(features, 3, 2);

        Assert.Equal([3.0, 6.0], mean.ToArray());
        Assert.Equal(4.0, covariance[0, 0], 12);
        Assert.Equal(16.0, covariance[1, 1], 12);
        Assert.Equal(8.0, covariance[0, 1], 12);
    }
}
