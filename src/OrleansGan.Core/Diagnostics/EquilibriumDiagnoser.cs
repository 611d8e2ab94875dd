using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Randomness;
using OrleansGan.Core.Spectra;

namespace OrleansGan.Core.Diagnostics;

/// <summary>
/// What kind of point a game is at: the field and its stationarity test, the zero-sum check, the extreme eigenvalues
/// of J (Arnoldi: largest modulus and smallest real part), of H_G and H_D (Lanczos: largest and smallest), for a
/// zero-sum game with H_D &gt; 0 the Schur complement's smallest, and the verdict they support.
/// </summary>
public static class EquilibriumDiagnoser
{
    /// <summary>What one diagnosis found.</summary>
    public sealed record Findings(FieldSummary Field, IReadOnlyList<SpectrumEstimate> Spectra, EquilibriumVerdict Verdict, IReadOnlyList<string> Notes);

    /// <summary>The spectra asked for, in the order the classifier reads them; the main one (J's largest) takes <see cref="DiagnosticsSpec.Eigenvalues"/> values, the others <see cref="DiagnosticsSpec.ExtremeEigenvalues"/>.</summary>
    public static IReadOnlyList<(string Stage, ProbeProductKind Product, EigenvalueSelection Selection, bool IsMainSpectrum)> Requests { get; } =
    [
        ("J, largest |lambda|", ProbeProductKind.Jacobian, EigenvalueSelection.LargestMagnitude, true),
        ("J, smallest Re lambda", ProbeProductKind.Jacobian, EigenvalueSelection.SmallestReal, false),
        ("H_G, largest", ProbeProductKind.GeneratorHessian, EigenvalueSelection.LargestReal, false),
        ("H_G, smallest", ProbeProductKind.GeneratorHessian, EigenvalueSelection.SmallestReal, false),
        ("H_D, largest", ProbeProductKind.DiscriminatorHessian, EigenvalueSelection.LargestReal, false),
        ("H_D, smallest", ProbeProductKind.DiscriminatorHessian, EigenvalueSelection.SmallestReal, false),
    ];

    /// <summary>The tolerance a diagnosis works to: the spec's, but no finer than the products' precision allows.</summary>
    public static double ToleranceOf(DiagnosticsSpec options) =>
        Math.Max(options.Tolerance, options.Precision == TensorPrecision.Float64 ? 1e-12 : 1e-4);

    /// <summary>The slots each space needs, for probes of <paramref name="generatorSize"/> and <paramref name="discriminatorSize"/> parameters.</summary>
    public static int SlotsFor(DiagnosticsSpec options, long generatorSize, long discriminatorSize) =>
        Requests.Select(r => (r.Product, r.Selection, Count: r.IsMainSpectrum ? options.Eigenvalues : options.ExtremeEigenvalues))
            .Append((Product: ProbeProductKind.SchurComplement, Selection: EigenvalueSelection.SmallestReal, Count: options.ExtremeEigenvalues))
            .Max(r => new EigenRequest(r.Count, r.Selection).SlotsFor(r.Product switch
            {
                ProbeProductKind.Jacobian or ProbeProductKind.JacobianTranspose => generatorSize + discriminatorSize,
                ProbeProductKind.DiscriminatorHessian => discriminatorSize,
                _ => generatorSize,
            }));

    /// <summary>Diagnoses <paramref name="game"/> as <paramref name="options"/> ask, the random starts drawn for (<paramref name="gameSeed"/>, <paramref name="round"/>).</summary>
    public static async Task<Findings> DiagnoseAsync(
        IDiagnosedGame game, DiagnosticsSpec options, ulong gameSeed, int round, IStageProgress progress, CancellationToken cancel)
    {
        var tolerance = ToleranceOf(options);
        var slots = SlotsFor(options, game.GeneratorSize, game.DiscriminatorSize);
        var field = await progress.StageAsync("field", options.Chunks + 1, onStep => game.FieldAsync(onStep, cancel));
        var defect = await progress.StageAsync("zero-sum check", 2, _ => game.ZeroSumDefectAsync(PlayerSeeds.Diagnostic(gameSeed, round, 200), cancel));
        var spectra = new List<SpectrumEstimate>();
        foreach (var (stage, product, selection, main) in Requests)
        {
            var count = main ? options.Eigenvalues : options.ExtremeEigenvalues;
            spectra.Add(await progress.StageAsync(stage, 0, onProduct =>
                SolveAsync(game.Space(product, slots), product, selection, count, options, tolerance, gameSeed, round, onProduct, cancel)));
        }

        var evidence = new EquilibriumClassifier.Evidence(field, spectra[0], spectra[1], spectra[3], spectra[2], spectra[5], spectra[4],
            defect, options.Precision == TensorPrecision.Float64 ? 1e-8 : 1e-3, null, null, tolerance);
        var verdict = EquilibriumClassifier.Classify(evidence);
        var notes = new List<string>();
        if (verdict.ZeroSum.Answer != Answer.Yes)
        {
            return new Findings(field, spectra, verdict, notes);
        }

        if (verdict.DiscriminatorHessianPositive.Answer == Answer.Yes)
        {
            try
            {
                var schur = await progress.StageAsync("Schur complement, smallest", 0, onProduct =>
                    SolveAsync(game.Space(ProbeProductKind.SchurComplement, slots), ProbeProductKind.SchurComplement, EigenvalueSelection.SmallestReal,
                        options.ExtremeEigenvalues, options, tolerance, gameSeed, round, onProduct, cancel));
                spectra.Add(schur);
                evidence = evidence with { SchurSmallest = schur };
            }
            catch (InvalidOperationException e)
            {
                evidence = evidence with { SchurProblem = e.Message };
                notes.Add($"Schur complement: {e.Message}");
            }
        }
        else
        {
            evidence = evidence with { SchurProblem = "the Schur complement needs H_D > 0, which the evidence does not establish" };
        }

        return new Findings(field, spectra, EquilibriumClassifier.Classify(evidence), notes);
    }

    private static Task<SpectrumEstimate> SolveAsync(
        IKrylovSpace space, ProbeProductKind product, EigenvalueSelection selection, int count, DiagnosticsSpec options, double tolerance,
        ulong gameSeed, int round, Action<int> onProduct, CancellationToken cancel)
    {
        var request = new EigenRequest(count, selection, 0, tolerance, options.MaxRestarts,
            PlayerSeeds.Diagnostic(gameSeed, round, 300 + ((ulong)product * 16) + (ulong)selection));
        var name = product switch
        {
            ProbeProductKind.Jacobian or ProbeProductKind.JacobianTranspose => SpectralOperator.GameJacobian,
            ProbeProductKind.GeneratorHessian => SpectralOperator.GeneratorHessian,
            ProbeProductKind.DiscriminatorHessian => SpectralOperator.DiscriminatorHessian,
            _ => SpectralOperator.SchurComplement,
        };
        var products = 0;
        void Counted() => onProduct(++products);
        return product is ProbeProductKind.Jacobian or ProbeProductKind.JacobianTranspose
            ? ImplicitlyRestartedArnoldi.SolveAsync(space, request, name, Counted, cancel)
            : ThickRestartLanczos.SolveAsync(space, request, name, Counted, cancel);
    }
}
