using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Theory;
using OrleansGan.Grains.Tests.Cluster;
using Xunit.Abstractions;

namespace OrleansGan.Grains.Tests.Diagnostics;

/// <summary>
/// The diagnosis grain, end to end from a checkpoint, on games solved on paper (point-mass generator x = theta, linear
/// critic psi x, data at 0): the eigenvalues equal their closed forms to 1e-8, each verdict is the known one, the
/// duality gap is 0 at the equilibrium and positive away from it, and the path-angle of a rotation is the closed form.
/// </summary>
[Collection(ClusterCollection.Name)]
public class KnownGameDiagnosisTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly DiagnosticsSpec Options = new(0, 4, 2, 2, 1, 1e-10, 200, TensorPrecision.Float64,
        new DualityGapSpec(200, 4, 0.25), new PathAngleSpec(0));

    [Theory]
    [InlineData("dirac-non-saturating", 0.25)]
    [InlineData("dirac-minimax", 0.25)]
    [InlineData("dirac-maximum-likelihood", 0.35355339059327379)]
    [InlineData("bilinear", 1.0)]
    public async Task At_the_equilibrium_the_eigenvalues_are_purely_imaginary_and_no_strict_property_holds(string name, double frequency)
    {
        // v = (f'(0)-coupled rotation): J = [[0, -a], [b, 0]] with a b = frequency^2, eigenvalues +- i frequency; both
        // Hessians vanish, so neither stability nor Nash is strict (Mescheder et al. 2018: the Dirac-GAN's equilibrium
        // is not asymptotically stable under gradient play).
        var diagnosis = await DiagnoseAsync(KnownGame.Named(name), start: 0);
        var jacobian = diagnosis.Spectrum(SpectralOperator.GameJacobian, EigenvalueSelection.LargestMagnitude)!;
        Assert.Equal(2, jacobian.Eigenvalues.Count);
        Assert.All(jacobian.Eigenvalues, e => Assert.Equal(0, e.Real, 1e-8));
        Assert.Equal([frequency, -frequency], jacobian.Eigenvalues.Select(e => e.Imaginary).OrderDescending(), new Tolerance(1e-8));
        Assert.All(jacobian.Eigenvalues, e => Assert.True(e.Residual <= 1e-12));
        Assert.Equal(0, diagnosis.Spectrum(SpectralOperator.GeneratorHessian, EigenvalueSelection.SmallestReal)!.Eigenvalues[0].Real, 1e-10);
        Assert.Equal(0, diagnosis.Spectrum(SpectralOperator.DiscriminatorHessian, EigenvalueSelection.SmallestReal)!.Eigenvalues[0].Real, 1e-10);

        var verdict = diagnosis.Verdict;
        Assert.Equal(Answer.Yes, verdict.Stationary.Answer);
        Assert.Equal(Answer.Undetermined, verdict.LocallyStable.Answer);
        Assert.Equal(Answer.Undetermined, verdict.GeneratorHessianPositive.Answer);
        Assert.Equal(Answer.Undetermined, verdict.DifferentialNash.Answer);
        Assert.Equal(Answer.Undetermined, verdict.LocallyStableStationaryPoint.Answer);
        Assert.StartsWith("stationary point of undetermined kind", verdict.Classification);

        // The check reads J's structure at the point (C = -B^T): the minimax and bilinear games are zero-sum, and so is
        // the non-saturating game to second order at the origin (both blocks are sigma(0) / 2 = 1/4); the maximum-likelihood
        // generator's block is -1/2 against the critic's 1/4.
        Assert.Equal(name is "dirac-maximum-likelihood" ? Answer.No : Answer.Yes, verdict.ZeroSum.Answer);

        // At a pure equilibrium neither copy can improve: the duality gap vanishes, perturbed or not.
        Assert.Equal(0, diagnosis.DualityGap!.Gap, 1e-9);
        Assert.Equal(0, diagnosis.PerturbedDualityGap!.Gap, 1e-9);
    }

    [Fact]
    public async Task With_r1_the_dirac_gan_is_a_locally_stable_stationary_point_and_its_minimax_a_strict_local_minimax()
    {
        // R1 adds gamma/2 psi^2 to J_D (Mescheder et al. 2018): J = [[0, -1/4], [1/4, gamma]], eigenvalues
        // (gamma +- sqrt(gamma^2 - 1/4)) / 2, H_D = gamma > 0, H_G = 0; for the minimax loss the game stays zero-sum
        // and S = H_G + B H_D^-1 B^T = (1/16) / gamma > 0.
        const double gamma = 1;
        var game = KnownGame.DiracMinimax;
        var spec = game.Spec(new ProtocolSpec(ProtocolKind.Simultaneous, 1, 1, 0, 0), 0.1, 0, 1);
        spec = spec with { Stabilizers = spec.Stabilizers with { R1 = gamma } };
        var diagnosis = await DiagnoseAsync(spec, start: 0);
        var eigenvalues = diagnosis.Spectrum(SpectralOperator.GameJacobian, EigenvalueSelection.LargestMagnitude)!.Eigenvalues.Select(e => e.Real).OrderDescending();
        var root = Math.Sqrt((gamma * gamma) - 0.25);
        Assert.Equal([(gamma + root) / 2, (gamma - root) / 2], eigenvalues, new Tolerance(1e-8));
        Assert.Equal(gamma, diagnosis.Spectrum(SpectralOperator.DiscriminatorHessian, EigenvalueSelection.SmallestReal)!.Eigenvalues[0].Real, 1e-8);
        Assert.Equal(1.0 / 16 / gamma, diagnosis.Spectrum(SpectralOperator.SchurComplement, EigenvalueSelection.SmallestReal)!.Eigenvalues[0].Real, 1e-8);

        var verdict = diagnosis.Verdict;
        Assert.Equal(Answer.Yes, verdict.LocallyStableStationaryPoint.Answer);
        Assert.Equal(Answer.Yes, verdict.DiscriminatorHessianPositive.Answer);
        Assert.Equal(Answer.Undetermined, verdict.DifferentialNash.Answer);
        Assert.Equal(Answer.Yes, verdict.StrictLocalMinimax!.Answer);
        Assert.StartsWith("locally stable stationary point; Nash undetermined", verdict.Classification);
    }

    [Fact]
    public async Task Away_from_the_equilibrium_the_point_is_not_stationary_and_the_duality_gap_is_positive()
    {
        var diagnosis = await DiagnoseAsync(KnownGame.DiracNonSaturating, start: 1);
        Assert.Equal(Answer.No, diagnosis.Verdict.Stationary.Answer);
        Assert.StartsWith("not a stationary point", diagnosis.Verdict.Classification);

        // V = -(log 2 / 2 + softplus(psi theta) / 2): the worst-case critic pushes psi theta down, the worst-case
        // generator pushes it up, so V(theta, psi') > V(theta, psi) > V(theta', psi).
        var gap = diagnosis.DualityGap!;
        output.WriteLine($"V = {gap.Value:G6}, M1 = {gap.WorstDiscriminatorValue:G6}, M2 = {gap.WorstGeneratorValue:G6}, DG = {gap.Gap:G6}");
        Assert.Equal(-((Math.Log(2) / 2) + (Math.Log(1 + Math.E) / 2)), gap.Value, 1e-6);
        Assert.True(gap.WorstDiscriminatorValue > gap.Value + 0.1);
        Assert.True(gap.WorstGeneratorValue < gap.Value - 0.1);
        Assert.True(gap.Gap > 0.2);
        Assert.True(diagnosis.PerturbedDualityGap!.Gap > 0.2);
    }

    [Fact]
    public async Task The_path_angle_of_the_bilinear_game_is_a_pure_rotation()
    {
        // From w_start = (1, 1) to the equilibrium w_end = (0, 0): v = (-psi, theta) is orthogonal to the segment
        // everywhere on it (cos = 0) and |v|^2 = 2 (1 - alpha)^2.
        var game = KnownGame.BilinearMinusXY;
        var start = game.Spec(new ProtocolSpec(ProtocolKind.Simultaneous, 1, 1, 0, 0), 0.1, 1, 1);
        var end = game.Spec(new ProtocolSpec(ProtocolKind.Simultaneous, 1, 1, 0, 0), 0.1, 0, 1);
        var id = $"diagnosis-path-{Guid.NewGuid():N}";
        var (g, d) = await ProbedPoints.StartOfAsync(fixture.Client, end, $"{id}/start");
        await ProbedPoints.KeepAsync(fixture.CheckpointRoot, id, start, 10, g, d);
        var options = Options with { DualityGap = Options.DualityGap with { Steps = 0 }, PathAngle = new PathAngleSpec(13, -0.1, 1.1) };
        var diagnosis = await fixture.Client.GetGrain<IDiagnosisGrain>(id).DiagnoseAsync(new DiagnosisRequest(id, Options: options), null);
        var path = diagnosis.PathAngle!;
        Assert.Equal(0, path.StartRound);
        Assert.Equal(10, path.EndRound);
        Assert.Equal(Math.Sqrt(2), path.Distance, 1e-12);
        Assert.Equal(13, path.Points.Count);
        foreach (var p in path.Points)
        {
            Assert.Equal(2 * (1 - p.Alpha) * (1 - p.Alpha), p.FieldSquaredNorm, 1e-12);
            Assert.Equal(0, p.Cosine, 1e-12);
        }
    }

    [Fact]
    public async Task A_round_with_no_kept_checkpoint_is_refused_naming_the_latest()
    {
        var game = KnownGame.DiracNonSaturating;
        var spec = game.Spec(new ProtocolSpec(ProtocolKind.Simultaneous, 1, 1, 0, 0), 0.1, 0, 1);
        var id = $"diagnosis-missing-{Guid.NewGuid():N}";
        var (g, d) = await ProbedPoints.StartOfAsync(fixture.Client, spec, $"{id}/start");
        await ProbedPoints.KeepAsync(fixture.CheckpointRoot, id, spec, 40, g, d);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            fixture.Client.GetGrain<IDiagnosisGrain>(id).DiagnoseAsync(new DiagnosisRequest(id, Round: 20, Options: Options), null));
        Assert.Contains("no checkpoint at round 20 (the latest is round 40", error.Message);
        var bad = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Client.GetGrain<IDiagnosisGrain>(id).DiagnoseAsync(new DiagnosisRequest(id, Options: Options with { Chunks = 3 }), null));
        Assert.Contains("diagnostics.batchSize", bad.Message);
    }

    private Task<Diagnosis> DiagnoseAsync(KnownGame game, double start) =>
        DiagnoseAsync(game.Spec(new ProtocolSpec(ProtocolKind.Simultaneous, 1, 1, 0, 0), 0.1, start, 1), start);

    private async Task<Diagnosis> DiagnoseAsync(GameSpec spec, double start)
    {
        var id = $"diagnosis-{spec.Name}-{Guid.NewGuid():N}";
        var (g, d) = await ProbedPoints.StartOfAsync(fixture.Client, spec, $"{id}/start");
        await ProbedPoints.KeepAsync(fixture.CheckpointRoot, id, spec, 1, g, d);
        var diagnosis = await fixture.Client.GetGrain<IDiagnosisGrain>(id).DiagnoseAsync(new DiagnosisRequest(id, Options: Options), null);
        output.WriteLine($"{spec.Name} at {start}: {diagnosis.Verdict.Classification}");
        foreach (var s in diagnosis.Spectra)
        {
            output.WriteLine($"  {s.Operator} {s.Selection}: " + string.Join(", ", s.Eigenvalues.Select(e => $"{e.Real:G10}{e.Imaginary:+0.##########;-0.##########}i (r {e.Residual:E1})")));
        }

        return diagnosis;
    }

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
