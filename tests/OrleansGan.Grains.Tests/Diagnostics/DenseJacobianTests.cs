using MathNet.Numerics.LinearAlgebra;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Spectra;
using OrleansGan.Grains.Diagnostics;
using OrleansGan.Grains.Tests.Cluster;
using Xunit.Abstractions;
using Complex = System.Numerics.Complex;

namespace OrleansGan.Grains.Tests.Diagnostics;

/// <summary>
/// On a game of about a thousand parameters: (b) the Jacobian built column by column from the messages equals central
/// finite differences of the field (itself computed from messages) to 1e-5; (c) the restarted Krylov methods, running
/// on vectors that live with the players, find the eigenvalues MathNet finds in the dense matrices to 1e-6.
/// </summary>
[Collection(ClusterCollection.Name)]
public class DenseJacobianTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private const double Step = 1e-5;

    [Fact]
    public async Task Dense_jacobian_matches_finite_differences_and_krylov_matches_dense_eigenvalues()
    {
        var spec = ProbedPoints.SmallGame("non-saturating");
        var key = $"diagnostics-dense-{Guid.NewGuid():N}";
        var (game, pair, _, _, _) = await ProbedPoints.OpenAsync(fixture.Client, spec, key, krylovSlots: 60);
        try
        {
            var n = (int)(game.GeneratorSize + game.DiscriminatorSize);
            var theta = (int)game.GeneratorSize;
            var space = new PlayerKrylovSpace(game, ProbeProductKind.Jacobian);
            await game.FieldAsync(game.FieldSlot);

            // (b) J e_j for every j, against (v(w + h e_j) - v(w - h e_j)) / 2h.
            var (unit, column, point, shifted) = (0, 1, 2, 3);
            var jacobian = Matrix<double>.Build.Dense(n, n);
            for (var j = 0; j < n; j++)
            {
                await space.UnitAsync(unit, j, CancellationToken.None);
                await space.ApplyAsync(unit, column, CancellationToken.None);
                jacobian.SetColumn(j, await space.ReadAsync(column, CancellationToken.None));
            }

            await game.ReadParametersAsync(point);
            var differences = Matrix<double>.Build.Dense(n, n);
            for (var j = 0; j < n; j++)
            {
                await space.UnitAsync(unit, j, CancellationToken.None);
                var up = await FieldAtAsync(game, point, unit, Step, shifted);
                var down = await FieldAtAsync(game, point, unit, -Step, shifted);
                differences.SetColumn(j, Vector<double>.Build.DenseOfArray(up.Zip(down, (a, b) => (a - b) / (2 * Step)).ToArray()));
            }

            await game.MoveAsync(point);
            await game.FieldAsync(game.FieldSlot);
            var worst = 0.0;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    worst = Math.Max(worst, Math.Abs(jacobian[i, j] - differences[i, j]) / (1 + Math.Abs(differences[i, j])));
                }
            }

            output.WriteLine($"{n} parameters; |J| = {jacobian.FrobeniusNorm():G4}; largest |J_ij - FD_ij| / (1 + |FD_ij|) = {worst:E2}");
            Assert.True(worst <= 1e-5, $"the dense Jacobian from messages differs from finite differences by {worst:E2}");

            // (c) Krylov on the players' vectors against MathNet on the dense matrices.
            var dense = jacobian.Evd().EigenValues.ToArray();
            await Compare(space, EigenvalueSelection.LargestMagnitude, 6, dense, false);
            await Compare(space, EigenvalueSelection.SmallestReal, 4, dense, false);
            var hg = jacobian.SubMatrix(0, theta, 0, theta);
            var hd = jacobian.SubMatrix(theta, n - theta, theta, n - theta);
            Assert.True((hg - hg.Transpose()).FrobeniusNorm() <= 1e-10 * hg.FrobeniusNorm(), "H_G is not symmetric");
            var generator = new PlayerKrylovSpace(game, ProbeProductKind.GeneratorHessian);
            var discriminator = new PlayerKrylovSpace(game, ProbeProductKind.DiscriminatorHessian);
            await Compare(generator, EigenvalueSelection.LargestReal, 4, hg.Evd(Symmetricity.Symmetric).EigenValues.ToArray(), true);
            await Compare(generator, EigenvalueSelection.SmallestReal, 4, hg.Evd(Symmetricity.Symmetric).EigenValues.ToArray(), true);
            await Compare(discriminator, EigenvalueSelection.LargestReal, 4, hd.Evd(Symmetricity.Symmetric).EigenValues.ToArray(), true);
            await Compare(discriminator, EigenvalueSelection.SmallestReal, 4, hd.Evd(Symmetricity.Symmetric).EigenValues.ToArray(), true);
        }
        finally
        {
            await game.CloseAsync();
            await new PlayerCopies(fixture.Client).ReleaseAsync(key, pair);
        }
    }

    // The field (from messages) at w + h e: the probes move there and back.
    private static async Task<double[]> FieldAtAsync(ProbedGame game, int point, int unit, double step, int shifted)
    {
        await game.CombineAsync(PlayerBlock.Joint, new SlotCombination([point, unit], [1, step], [shifted]));
        await game.MoveAsync(shifted);
        await game.FieldAsync(game.FieldSlot);
        return await game.ReadAsync(PlayerBlock.Joint, game.FieldSlot);
    }

    private async Task Compare(PlayerKrylovSpace space, EigenvalueSelection selection, int count, Complex[] dense, bool symmetric)
    {
        var request = new EigenRequest(count, selection, Tolerance: 1e-10, MaxRestarts: 3000, Seed: 5);
        var found = symmetric
            ? await ThickRestartLanczos.SolveAsync(space, request, SpectralOperator.GeneratorHessian)
            : await ImplicitlyRestartedArnoldi.SolveAsync(space, request, SpectralOperator.GameJacobian);
        var wanted = (selection switch
        {
            EigenvalueSelection.LargestMagnitude => dense.OrderByDescending(v => v.Magnitude),
            EigenvalueSelection.LargestReal => dense.OrderByDescending(v => v.Real),
            _ => dense.OrderBy(v => v.Real),
        }).ToList();
        output.WriteLine($"{space.Block} {selection}: {found.Products} products, {found.Restarts} restarts: "
            + string.Join(", ", found.Eigenvalues.Select(e => $"{e.Real:G8}{e.Imaginary:+0.######;-0.######}i (r {e.Residual:E1})")));
        Assert.True(found.Converged, $"{space.Block} {selection} did not converge");
        foreach (var e in found.Eigenvalues)
        {
            var nearest = wanted.Min(x => (x - new Complex(e.Real, e.Imaginary)).Magnitude);
            Assert.True(nearest <= 1e-6 * found.Scale, $"{space.Block} {selection}: {e.Real}+{e.Imaginary}i is {nearest:E2} from the nearest dense eigenvalue");
        }

        // And they are the wanted ones: the k-th wanted dense eigenvalue's criterion is matched.
        var last = wanted[count - 1];
        var criterion = selection switch
        {
            EigenvalueSelection.LargestMagnitude => (Func<Complex, double>)(v => v.Magnitude),
            EigenvalueSelection.LargestReal => v => v.Real,
            _ => v => -v.Real,
        };
        Assert.True(found.Eigenvalues.All(e => criterion(new Complex(e.Real, e.Imaginary)) >= criterion(last) - (1e-6 * found.Scale)),
            $"{space.Block} {selection}: not the {count} wanted eigenvalues");
    }
}
