using System.Globalization;
using System.Text;
using OrleansGan.Abstractions.Diagnostics;

namespace OrleansGan.Client.Runs;

/// <summary>
/// A diagnosis as files: every eigenvalue with its residual, the path-angle, the field and the verdict, and one row
/// per diagnosed round in a series (so the spectrum and the gap can be followed over training).
/// </summary>
internal static class DiagnosisFiles
{
    /// <summary>The header of a series file's rows (<see cref="SeriesRow"/>).</summary>
    public const string SeriesHeader = "round,field_norm,stationarity_ratio,stationarity_threshold,jacobian_largest_modulus,jacobian_smallest_real,"
        + "generator_hessian_largest,generator_hessian_smallest,discriminator_hessian_largest,discriminator_hessian_smallest,"
        + "duality_gap,perturbed_duality_gap,value,stationary,locally_stable,differential_nash,classification";

    /// <summary>Writes eigenvalues.csv, path-angle.csv, diagnosis.md into <paramref name="folder"/>.</summary>
    public static void Write(string folder, Diagnosis d)
    {
        Directory.CreateDirectory(folder);
        var eigenvalues = new StringBuilder("operator,selection,index,real,imaginary,modulus,residual,converged\n");
        foreach (var s in d.Spectra)
        {
            for (var i = 0; i < s.Eigenvalues.Count; i++)
            {
                var e = s.Eigenvalues[i];
                eigenvalues.AppendLine(string.Join(',', s.Operator, s.Selection, i.ToString(CultureInfo.InvariantCulture), R(e.Real), R(e.Imaginary),
                    R(e.Magnitude), R(e.Residual), e.Converged ? "true" : "false"));
            }
        }

        File.WriteAllText(Path.Combine(folder, "eigenvalues.csv"), eigenvalues.ToString());
        if (d.PathAngle is { } path)
        {
            var rows = new StringBuilder("alpha,cosine,field_squared_norm,generator_loss,discriminator_loss\n");
            foreach (var p in path.Points)
            {
                rows.AppendLine(string.Join(',', R(p.Alpha), R(p.Cosine), R(p.FieldSquaredNorm), R(p.GeneratorLoss), R(p.DiscriminatorLoss)));
            }

            File.WriteAllText(Path.Combine(folder, "path-angle.csv"), rows.ToString());
        }

        File.WriteAllText(Path.Combine(folder, "diagnosis.md"), Markdown(d));
    }

    /// <summary>One row of a series file.</summary>
    public static string SeriesRow(Diagnosis d)
    {
        double Top(SpectralOperator op, EigenvalueSelection s, Func<EigenvalueEstimate, double> value, bool max) =>
            d.Spectrum(op, s) is { Eigenvalues.Count: > 0 } spectrum ? (max ? spectrum.Eigenvalues.Max(value) : spectrum.Eigenvalues.Min(value)) : double.NaN;
        var v = d.Verdict;
        return string.Join(',',
            d.Round.ToString(CultureInfo.InvariantCulture), R(d.Field.Norm), R(d.Field.Ratio), R(d.Field.Threshold),
            R(Top(SpectralOperator.GameJacobian, EigenvalueSelection.LargestMagnitude, e => e.Magnitude, true)),
            R(Top(SpectralOperator.GameJacobian, EigenvalueSelection.SmallestReal, e => e.Real, false)),
            R(Top(SpectralOperator.GeneratorHessian, EigenvalueSelection.LargestReal, e => e.Real, true)),
            R(Top(SpectralOperator.GeneratorHessian, EigenvalueSelection.SmallestReal, e => e.Real, false)),
            R(Top(SpectralOperator.DiscriminatorHessian, EigenvalueSelection.LargestReal, e => e.Real, true)),
            R(Top(SpectralOperator.DiscriminatorHessian, EigenvalueSelection.SmallestReal, e => e.Real, false)),
            R(d.DualityGap?.Gap ?? double.NaN), R(d.PerturbedDualityGap?.Gap ?? double.NaN), R(d.DualityGap?.Value ?? double.NaN),
            Word(v.Stationary), Word(v.LocallyStable), Word(v.DifferentialNash), $"\"{v.Classification.Replace("\"", "'", StringComparison.Ordinal)}\"");
    }

    /// <summary>The diagnosis for people: the verdict with its evidence, the field, the spectra, the gap.</summary>
    public static string Markdown(Diagnosis d)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Diagnosis of {d.GameId} after round {d.Round}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**{d.Verdict.Classification}**");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{d.GeneratorParameters} + {d.DiscriminatorParameters} parameters; diagnostic batch of {d.Batch.Size} samples in {d.Batch.Chunks} chunks; {d.Precision} products; {d.Seconds:F1} s.");
        text.AppendLine();
        text.AppendLine("| property | answer | evidence |");
        text.AppendLine("|---|---|---|");
        foreach (var (name, finding) in Findings(d.Verdict))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Word(finding)} | {finding.Evidence} |");
        }

        text.AppendLine();
        var f = d.Field;
        text.AppendLine(CultureInfo.InvariantCulture, $"Field: |v| = {G(f.Norm)} (|grad_theta J_G| = {G(f.GeneratorNorm)}, |grad_psi J_D| = {G(f.DiscriminatorNorm)}); "
            + $"J_D = {G(f.DiscriminatorLoss)}, J_G = {G(f.GeneratorLoss)}, D(x) = {G(f.MeanRealScore)}, D(G(z)) = {G(f.MeanFakeScore)}.");
        text.AppendLine();
        text.AppendLine("| operator | end | eigenvalues (residual) | products | restarts | s |");
        text.AppendLine("|---|---|---|---:|---:|---:|");
        foreach (var s in d.Spectra)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Operator} | {s.Selection} | {string.Join(", ", s.Eigenvalues.Select(Describe))} | {s.Products} | {s.Restarts} | {s.Seconds:F1} |");
        }

        foreach (var (name, gap) in new[] { ("duality gap", d.DualityGap), ("perturbed duality gap", d.PerturbedDualityGap) })
        {
            if (gap is not null)
            {
                text.AppendLine();
                text.AppendLine(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(name[0])}{name[1..]} (std {G(gap.Perturbation)}, {gap.Steps} steps per copy): DG = {G(gap.Gap)} "
                    + $"= V(theta, psi') {G(gap.WorstDiscriminatorValue)} - V(theta', psi) {G(gap.WorstGeneratorValue)}; V(theta, psi) = {G(gap.Value)}; {gap.Seconds:F1} s.");
            }
        }

        foreach (var note in d.Notes)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Note: {note}");
        }

        return text.ToString();
    }

    /// <summary>The verdict's properties with their names, in reading order.</summary>
    public static IEnumerable<(string Name, Finding Finding)> Findings(EquilibriumVerdict v)
    {
        yield return ("stationary", v.Stationary);
        yield return ("locally stable (Re lambda(J) > 0)", v.LocallyStable);
        yield return ("H_G > 0", v.GeneratorHessianPositive);
        yield return ("H_D > 0", v.DiscriminatorHessianPositive);
        yield return ("zero-sum here", v.ZeroSum);
        if (v.SchurComplementPositive is { } schur)
        {
            yield return ("Schur complement > 0", schur);
        }

        yield return ("differential Nash", v.DifferentialNash);
        yield return ("locally stable stationary point", v.LocallyStableStationaryPoint);
        if (v.StrictLocalMinimax is { } minimax)
        {
            yield return ("strict local minimax", minimax);
        }
    }

    /// <summary>An eigenvalue with its residual, compactly.</summary>
    public static string Describe(EigenvalueEstimate e) => e.Imaginary == 0
        ? $"{G(e.Real)} ({e.Residual.ToString("0.0E0", CultureInfo.InvariantCulture)})"
        : $"{G(e.Real)}{(e.Imaginary < 0 ? "-" : "+")}{G(Math.Abs(e.Imaginary))}i ({e.Residual.ToString("0.0E0", CultureInfo.InvariantCulture)})";

    private static string Word(Finding f) => f.Answer.ToString().ToLowerInvariant();

    private static string G(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
