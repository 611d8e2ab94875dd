using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Diagnostics;

namespace OrleansGan.Core.Tests.Diagnostics;

/// <summary>
/// The diagnosis of games written down as matrices, whose answers are known in closed form: a point that is locally
/// stable but not a Nash equilibrium (the generator sits at a maximum of its own cost along one direction, which the
/// coupling stabilises), and the ordinary cases around it.
/// </summary>
public class EquilibriumDiagnoserTests
{
    private static readonly DiagnosticsSpec Options = new(0, 64, 8, 6, 4, 1e-10, 500, TensorPrecision.Float64,
        new DualityGapSpec(0, 1, 0), new PathAngleSpec(0));

    [Fact]
    public async Task A_stable_point_that_is_not_nash_is_called_exactly_that()
    {
        // 2x2 blocks [[a_i, b_i], [-b_i, d_i]] in random bases: block 0 has a = -1 (H_G < 0 there), d = 2, b = 2, so
        // its eigenvalues (a + d)/2 +- sqrt(((a - d)/2)^2 - b^2) = 0.5 +- i sqrt(1.75) lie in the right half-plane.
        var (game, eigenvalues) = Coupled(n: 20, [(-1, 2, 2)]);
        var findings = await EquilibriumDiagnoser.DiagnoseAsync(game, Options, 1, 1, NoStageProgress.Instance, CancellationToken.None);
        var verdict = findings.Verdict;

        Assert.Equal(Answer.Yes, verdict.Stationary.Answer);
        Assert.Equal(Answer.Yes, verdict.LocallyStable.Answer);
        Assert.Equal(Answer.No, verdict.GeneratorHessianPositive.Answer);
        Assert.Equal(Answer.Yes, verdict.DiscriminatorHessianPositive.Answer);
        Assert.Equal(Answer.No, verdict.DifferentialNash.Answer);
        Assert.Equal(Answer.Yes, verdict.LocallyStableStationaryPoint.Answer);
        Assert.StartsWith("locally stable stationary point that is not a differential Nash equilibrium", verdict.Classification);

        // Zero-sum (C = -B^T), H_D > 0 and S = A + B D^-1 B^T = -1 + 4/2 = 1 > 0 in block 0: a strict local minimax
        // (Jin et al. 2019) that is not a Nash equilibrium.
        Assert.Equal(Answer.Yes, verdict.ZeroSum.Answer);
        Assert.Equal(Answer.Yes, verdict.SchurComplementPositive!.Answer);
        Assert.Equal(Answer.Yes, verdict.StrictLocalMinimax!.Answer);

        // The spectra are the closed forms.
        var smallestReal = findings.Spectra.Single(s => s.Operator == SpectralOperator.GameJacobian && s.Selection == EigenvalueSelection.SmallestReal);
        Assert.Contains(smallestReal.Eigenvalues, e => Math.Abs(e.Real - 0.5) < 1e-8 && Math.Abs(Math.Abs(e.Imaginary) - Math.Sqrt(1.75)) < 1e-8);
        var largest = findings.Spectra.Single(s => s.Operator == SpectralOperator.GameJacobian && s.Selection == EigenvalueSelection.LargestMagnitude);
        foreach (var e in largest.Eigenvalues)
        {
            Assert.True(eigenvalues.Min(x => (x - new Complex(e.Real, e.Imaginary)).Magnitude) < 1e-8, $"{e} is not an eigenvalue of J");
        }

        var hg = findings.Spectra.Single(s => s.Operator == SpectralOperator.GeneratorHessian && s.Selection == EigenvalueSelection.SmallestReal);
        Assert.Equal(-1, hg.Eigenvalues[0].Real, 1e-9);
        var schur = findings.Spectra.Single(s => s.Operator == SpectralOperator.SchurComplement);
        Assert.Equal(1, schur.Eigenvalues[0].Real, 1e-9);
    }

    [Fact]
    public async Task A_point_where_both_hessians_are_positive_is_a_differential_nash_equilibrium()
    {
        var (game, _) = Coupled(n: 12, []);
        var verdict = (await EquilibriumDiagnoser.DiagnoseAsync(game, Options, 1, 1, NoStageProgress.Instance, CancellationToken.None)).Verdict;
        Assert.Equal(Answer.Yes, verdict.DifferentialNash.Answer);
        Assert.Equal(Answer.Yes, verdict.LocallyStableStationaryPoint.Answer);
        Assert.Equal("differential Nash equilibrium and strict local minimax", verdict.Classification);
    }

    [Fact]
    public async Task A_block_with_a_negative_trace_is_unstable_yet_may_be_a_strict_local_minimax()
    {
        // a = -3, d = 1, b = 2: trace -2, det 1, so the block's eigenvalue is -1 (twice): gradient play leaves the point.
        // Zero-sum, H_D > 0 and S = -3 + 4/1 = 1 > 0 all the same: a strict local minimax that gradient descent-ascent
        // does not converge to (Jin et al. 2019 make exactly this point).
        var (game, _) = Coupled(n: 10, [(-3, 1, 2)]);
        var verdict = (await EquilibriumDiagnoser.DiagnoseAsync(game, Options, 1, 1, NoStageProgress.Instance, CancellationToken.None)).Verdict;
        Assert.Equal(Answer.No, verdict.LocallyStable.Answer);
        Assert.Equal(Answer.No, verdict.LocallyStableStationaryPoint.Answer);
        Assert.Equal(Answer.Yes, verdict.StrictLocalMinimax!.Answer);
        Assert.StartsWith("strict local minimax that is not a differential Nash equilibrium", verdict.Classification);
        Assert.Contains("J unstable", verdict.Classification);

        // Break the zero-sum structure (C = -B^T / 2): the same instability, and nothing else to say for it.
        var (a, b, _, d, _) = Blocks(5, [(-3, 1, 2)]);
        var general = new QuadraticGame(a, b, -0.5 * b.Transpose(), d);
        var unstable = (await EquilibriumDiagnoser.DiagnoseAsync(general, Options, 1, 1, NoStageProgress.Instance, CancellationToken.None)).Verdict;
        Assert.Equal(Answer.No, unstable.ZeroSum.Answer);
        Assert.StartsWith("unstable stationary point", unstable.Classification);
    }

    [Fact]
    public async Task A_field_well_above_its_sampling_noise_is_not_stationary_and_one_within_it_is()
    {
        var (a, b, c, d, _) = Blocks(6, []);
        var offset = Vector<double>.Build.Dense(12, i => 0.1 * (i + 1));
        var moving = new QuadraticGame(a, b, c, d, offset, chunkNoise: 0.01);
        var verdict = (await EquilibriumDiagnoser.DiagnoseAsync(moving, Options, 1, 1, NoStageProgress.Instance, CancellationToken.None)).Verdict;
        Assert.Equal(Answer.No, verdict.Stationary.Answer);
        Assert.StartsWith("not a stationary point", verdict.Classification);

        // The same offset drowned in noise ten thousand times larger: the mean field is consistent with zero.
        var noisy = new QuadraticGame(a, b, c, d, offset * 1e-6, chunkNoise: 1);
        var still = (await EquilibriumDiagnoser.DiagnoseAsync(noisy, Options, 1, 1, NoStageProgress.Instance, CancellationToken.None)).Verdict;
        Assert.Equal(Answer.Yes, still.Stationary.Answer);
    }

    [Fact]
    public async Task A_game_whose_coupling_is_not_antisymmetric_is_not_zero_sum()
    {
        var (a, b, _, d, _) = Blocks(6, []);
        var game = new QuadraticGame(a, b, b.Transpose() * 0.5, d);
        var verdict = (await EquilibriumDiagnoser.DiagnoseAsync(game, Options, 1, 1, NoStageProgress.Instance, CancellationToken.None)).Verdict;
        Assert.Equal(Answer.No, verdict.ZeroSum.Answer);
        Assert.Null(verdict.StrictLocalMinimax);
    }

    // n/2 decoupled 2x2 blocks per player pair, the listed ones first and then well-conditioned Nash blocks
    // (a = 1 + i, d = 2 + i, b = 1), rotated by random orthogonal bases of each player.
    private static (QuadraticGame Game, List<Complex> Eigenvalues) Coupled(int n, (double A, double D, double B)[] special)
    {
        var (a, b, c, d, eigenvalues) = Blocks(n / 2, special);
        return (new QuadraticGame(a, b, c, d), eigenvalues);
    }

    private static (Matrix<double> A, Matrix<double> B, Matrix<double> C, Matrix<double> D, List<Complex> Eigenvalues) Blocks(int size, (double A, double D, double B)[] special)
    {
        var blocks = special.Concat(Enumerable.Range(special.Length, size - special.Length).Select(i => (A: 1.0 + i, D: 2.0 + i, B: 1.0))).ToList();
        var eigenvalues = new List<Complex>();
        foreach (var (x, y, z) in blocks)
        {
            var root = Complex.Sqrt(((x - y) / 2 * ((x - y) / 2)) - (z * z));
            eigenvalues.Add(((x + y) / 2) + root);
            eigenvalues.Add(((x + y) / 2) - root);
        }

        var random = new MathNet.Numerics.Random.Xoshiro256StarStar(5);
        var q = Matrix<double>.Build.Random(size, size, new MathNet.Numerics.Distributions.Normal(0, 1, random)).QR().Q;
        var p = Matrix<double>.Build.Random(size, size, new MathNet.Numerics.Distributions.Normal(0, 1, random)).QR().Q;
        var a = q * Matrix<double>.Build.DenseOfDiagonalArray(blocks.Select(t => t.A).ToArray()) * q.Transpose();
        var d = p * Matrix<double>.Build.DenseOfDiagonalArray(blocks.Select(t => t.D).ToArray()) * p.Transpose();
        var b = q * Matrix<double>.Build.DenseOfDiagonalArray(blocks.Select(t => t.B).ToArray()) * p.Transpose();
        return (a, b, -b.Transpose(), d, eigenvalues);
    }
}
