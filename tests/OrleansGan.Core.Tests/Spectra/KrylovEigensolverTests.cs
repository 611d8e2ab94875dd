using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Core.Spectra;

namespace OrleansGan.Core.Tests.Spectra;

/// <summary>The restarted Krylov methods find the eigenvalues MathNet's dense eigendecomposition finds, with small residuals.</summary>
public class KrylovEigensolverTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData(EigenvalueSelection.LargestMagnitude, 10)]
    [InlineData(EigenvalueSelection.SmallestReal, 6)]
    [InlineData(EigenvalueSelection.LargestReal, 5)]
    public async Task Arnoldi_finds_the_dense_eigenvalues_of_a_nonsymmetric_matrix(EigenvalueSelection selection, int count)
    {
        var a = NonSymmetric(300, seed: 3);
        var request = new EigenRequest(count, selection, Tolerance: 1e-10);
        var space = LocalKrylovSpace.Of(a, request.SlotsFor(a.RowCount));
        var found = await ImplicitlyRestartedArnoldi.SolveAsync(space, request, SpectralOperator.GameJacobian);

        output.WriteLine(Describe(found));
        var dense = a.Evd().EigenValues.ToArray();
        var expected = Wanted(dense, selection).Take(count).ToList();
        Assert.True(found.Converged, Describe(found));
        Assert.Equal(count, found.Eigenvalues.Count);
        foreach (var e in found.Eigenvalues)
        {
            var value = new Complex(e.Real, e.Imaginary);
            Assert.True(expected.Min(x => (x - value).Magnitude) <= 1e-8 * found.Scale, $"{value} is not among the dense {selection} eigenvalues: {Describe(found)}");
            Assert.True(e.Residual <= 1e-9 * found.Scale, Describe(found));
        }

        // The set is the wanted one, not merely some eigenvalues.
        foreach (var x in expected.Take(count - 1))
        {
            Assert.Contains(found.Eigenvalues, e => (new Complex(e.Real, e.Imaginary) - x).Magnitude <= 1e-8 * found.Scale);
        }
    }

    [Theory]
    [InlineData(EigenvalueSelection.LargestReal)]
    [InlineData(EigenvalueSelection.SmallestReal)]
    [InlineData(EigenvalueSelection.LargestMagnitude)]
    public async Task Lanczos_finds_the_dense_eigenvalues_of_a_symmetric_matrix(EigenvalueSelection selection)
    {
        var a = NonSymmetric(400, seed: 5);
        a = (a + a.Transpose()) / 2;
        var request = new EigenRequest(8, selection, Tolerance: 1e-10);
        var space = LocalKrylovSpace.Of(a, request.SlotsFor(a.RowCount));
        var found = await ThickRestartLanczos.SolveAsync(space, request, SpectralOperator.GeneratorHessian);

        output.WriteLine(Describe(found));
        var expected = Wanted(a.Evd(Symmetricity.Symmetric).EigenValues.ToArray(), selection).Take(8).Select(c => c.Real).ToList();
        Assert.True(found.Converged, Describe(found));
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(expected[i], found.Eigenvalues[i].Real, 1e-8 * found.Scale);
            Assert.Equal(0, found.Eigenvalues[i].Imaginary);
        }
    }

    [Fact]
    public async Task A_space_smaller_than_the_subspace_is_solved_exactly()
    {
        // The rotation generator of the bilinear game: eigenvalues +- i.
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, -1 }, { 1, 0 } });
        var request = new EigenRequest(2, EigenvalueSelection.LargestMagnitude, Tolerance: 1e-12);
        var found = await ImplicitlyRestartedArnoldi.SolveAsync(LocalKrylovSpace.Of(a, request.SlotsFor(2)), request, SpectralOperator.GameJacobian);
        Assert.Equal(2, found.Eigenvalues.Count);
        Assert.All(found.Eigenvalues, e => Assert.Equal(0, e.Real, 1e-14));
        Assert.Equal([1.0, -1.0], found.Eigenvalues.Select(e => e.Imaginary).OrderDescending().ToArray(), (x, y) => Math.Abs(x - y) <= 1e-14);
        Assert.True(found.Converged);
    }

    [Fact]
    public async Task A_degenerate_operator_with_an_invariant_start_still_yields_its_eigenvalues()
    {
        // diag(3, 3, 3, 1, 1, ...): the Krylov space of any start vector breaks down after two steps.
        var a = Matrix<double>.Build.DenseOfDiagonalArray(Enumerable.Range(0, 60).Select(i => i < 3 ? 3.0 : 1.0).ToArray());
        var request = new EigenRequest(3, EigenvalueSelection.LargestMagnitude, Subspace: 12, Tolerance: 1e-10);
        var found = await ThickRestartLanczos.SolveAsync(LocalKrylovSpace.Of(a, request.SlotsFor(60)), request, SpectralOperator.DiscriminatorHessian);
        Assert.All(found.Eigenvalues, e => Assert.Equal(3, e.Real, 1e-9));
    }

    [Fact]
    public async Task A_space_without_room_for_the_subspace_is_refused()
    {
        var a = NonSymmetric(50, seed: 1);
        var request = new EigenRequest(5, EigenvalueSelection.LargestMagnitude);
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            ImplicitlyRestartedArnoldi.SolveAsync(LocalKrylovSpace.Of(a, 10), request, SpectralOperator.GameJacobian));
        Assert.Contains("holds 10 vectors", error.Message);
    }

    private static IEnumerable<Complex> Wanted(Complex[] values, EigenvalueSelection selection) => selection switch
    {
        EigenvalueSelection.LargestMagnitude => values.OrderByDescending(v => v.Magnitude),
        EigenvalueSelection.LargestReal => values.OrderByDescending(v => v.Real),
        _ => values.OrderBy(v => v.Real),
    };

    // A random matrix with a spread spectrum: a dominant diagonal trend plus Gaussian noise.
    private static Matrix<double> NonSymmetric(int n, int seed)
    {
        var random = new MathNet.Numerics.Random.Xoshiro256StarStar(seed);
        var noise = Matrix<double>.Build.Random(n, n, new MathNet.Numerics.Distributions.Normal(0, 1 / Math.Sqrt(n), random));
        return noise + Matrix<double>.Build.DenseOfDiagonalArray(Enumerable.Range(0, n).Select(i => 3.0 * Math.Sin(i)).ToArray());
    }

    private static string Describe(SpectrumEstimate s) =>
        $"{s.Operator} {s.Selection}: {s.Products} products, {s.Restarts} restarts, scale {s.Scale:G4}: "
        + string.Join(", ", s.Eigenvalues.Select(e => $"{e.Real:G8}{e.Imaginary:+0.########;-0.########}i (r {e.Residual:E1})"));
}
