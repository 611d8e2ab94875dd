using System.Globalization;
using OrleansGan.Abstractions.Diagnostics;

namespace OrleansGan.Core.Diagnostics;

/// <summary>
/// Turns the field and the spectra into a verdict, each property with the numbers it rests on. An eigenvalue decides
/// a sign only when it has converged and its residual r keeps it clear of zero: for a symmetric operator some
/// eigenvalue lies within r of each Ritz value (Krylov-Bogoliubov), so theta + r &lt; 0 proves a negative eigenvalue;
/// for J, which need not be normal, the same rule is applied and is an estimate. Anything within
/// <see cref="Evidence.ZeroTolerance"/> of zero, or unconverged, leaves the property undetermined.
/// </summary>
public static class EquilibriumClassifier
{
    /// <summary>What the classifier is given.</summary>
    /// <param name="Field">The field and its stationarity test.</param>
    /// <param name="JacobianLargest">J's eigenvalues of largest modulus (for the scale).</param>
    /// <param name="JacobianSmallestReal">J's eigenvalues of smallest real part.</param>
    /// <param name="GeneratorSmallest">H_G's smallest eigenvalues.</param>
    /// <param name="GeneratorLargest">H_G's largest.</param>
    /// <param name="DiscriminatorSmallest">H_D's smallest.</param>
    /// <param name="DiscriminatorLargest">H_D's largest.</param>
    /// <param name="ZeroSumDefect">|&lt;b, C a&gt; + &lt;a, B b&gt;| / (|b||C a| + |a||B b|) for random a, b (0 for a zero-sum game).</param>
    /// <param name="ZeroSumTolerance">The defect below which the game counts as zero-sum (rounding of the products' precision).</param>
    /// <param name="SchurSmallest">The Schur complement's smallest eigenvalues, when computed.</param>
    /// <param name="SchurProblem">Why the Schur complement could not be computed, when it could not.</param>
    /// <param name="ZeroTolerance">Eigenvalues within this fraction of their spectrum's scale count as zero.</param>
    public sealed record Evidence(
        FieldSummary Field,
        SpectrumEstimate JacobianLargest,
        SpectrumEstimate JacobianSmallestReal,
        SpectrumEstimate GeneratorSmallest,
        SpectrumEstimate GeneratorLargest,
        SpectrumEstimate DiscriminatorSmallest,
        SpectrumEstimate DiscriminatorLargest,
        double ZeroSumDefect,
        double ZeroSumTolerance,
        SpectrumEstimate? SchurSmallest,
        string? SchurProblem,
        double ZeroTolerance);

    /// <summary>The verdict.</summary>
    public static EquilibriumVerdict Classify(Evidence e)
    {
        var jacobianScale = Math.Max(e.JacobianLargest.Scale, e.JacobianSmallestReal.Scale);
        var stationary = Stationary(e.Field, jacobianScale, e.ZeroTolerance);
        var stable = PositiveRealParts(e.JacobianSmallestReal, jacobianScale, e.ZeroTolerance, "J");
        var generator = PositiveDefinite(e.GeneratorSmallest, Math.Max(e.GeneratorLargest.Scale, e.GeneratorSmallest.Scale), e.ZeroTolerance, "H_G");
        var discriminator = PositiveDefinite(e.DiscriminatorSmallest, Math.Max(e.DiscriminatorLargest.Scale, e.DiscriminatorSmallest.Scale), e.ZeroTolerance, "H_D");
        var zeroSum = e.ZeroSumDefect <= e.ZeroSumTolerance
            ? new Finding(Answer.Yes, $"J's off-diagonal blocks are minus each other's transposes, as in a zero-sum game, to {F(e.ZeroSumDefect)} on random directions (tolerance {F(e.ZeroSumTolerance)})")
            : new Finding(Answer.No, $"J's off-diagonal blocks differ from minus each other's transposes by {F(e.ZeroSumDefect)} on random directions: the players' costs are not zero-sum here");

        Finding? schur = null;
        Finding? minimax = null;
        if (zeroSum.Answer == Answer.Yes)
        {
            schur = e.SchurSmallest is { } s
                ? PositiveDefinite(s, s.Scale, e.ZeroTolerance, "S = H_G + B H_D^-1 B^T")
                : new Finding(Answer.Undetermined, e.SchurProblem ?? "the Schur complement was not computed");
            minimax = All("strict local minimax (Jin et al. 2019)", stationary, discriminator, schur);
        }

        var nash = All("differential Nash equilibrium (Ratliff et al.)", stationary, generator, discriminator);
        var lssp = All("locally stable stationary point (Berard et al.)", stationary, stable);
        return new EquilibriumVerdict(stationary, stable, generator, discriminator, zeroSum, schur, nash, lssp, minimax,
            Classification(stationary, stable, generator, discriminator, nash, lssp, minimax));
    }

    private static Finding Stationary(FieldSummary field, double scale, double tolerance)
    {
        // A deterministic game (a point mass, data at 0) has no sampling noise: its field must vanish to rounding.
        if (field.NoiseNorm <= 1e-14 * Math.Max(field.ChunkMeanNorm, 1e-300) || field.NoiseNorm == 0)
        {
            var bound = tolerance * Math.Max(scale, 1);
            return field.Norm <= bound
                ? new Finding(Answer.Yes, $"|v| = {F(field.Norm)} <= {F(bound)}, with no sampling noise (every chunk gives the same field)")
                : new Finding(Answer.No, $"|v| = {F(field.Norm)} > {F(bound)}, with no sampling noise (every chunk gives the same field)");
        }

        var text = $"|mean chunk field| = {F(field.ChunkMeanNorm)}, its standard error {F(field.NoiseNorm)}: T = {F(field.Ratio)}";
        return field.Ratio <= field.Threshold
            ? new Finding(Answer.Yes, $"{text} <= {F(field.Threshold)}, the 99% quantile for a zero expected field (d = {field.EffectiveDimension:F1})")
            : new Finding(Answer.No, $"{text} > {F(field.Threshold)}, the 99% quantile for a zero expected field (d = {field.EffectiveDimension:F1}): the players are still pushed somewhere");
    }

    private static Finding PositiveRealParts(SpectrumEstimate spectrum, double scale, double tolerance, string name)
    {
        var zero = tolerance * scale;
        var negative = spectrum.Eigenvalues.Where(v => v.Converged && v.Real + v.Residual < -zero).ToList();
        if (negative.Count > 0)
        {
            return new Finding(Answer.No, $"{name} has {negative.Count} of its {spectrum.Eigenvalues.Count} smallest-real-part eigenvalues in the left half-plane, "
                + $"the smallest {Describe(negative.MinBy(v => v.Real)!)}: the dynamics are unstable here");
        }

        var smallest = spectrum.Eigenvalues.MinBy(v => v.Real);
        if (smallest is null || !spectrum.Converged)
        {
            return new Finding(Answer.Undetermined, $"{name}'s smallest real parts did not converge ({Describe(smallest)}; tolerance {F(zero)})");
        }

        return smallest.Real - smallest.Residual > zero
            ? new Finding(Answer.Yes, $"the smallest real part of {name}'s eigenvalues is {Describe(smallest)} > 0")
            : new Finding(Answer.Undetermined, $"{name}'s smallest real part {Describe(smallest)} is zero within {F(zero)}: not strictly stable");
    }

    private static Finding PositiveDefinite(SpectrumEstimate spectrum, double scale, double tolerance, string name)
    {
        var zero = tolerance * scale;
        var negative = spectrum.Eigenvalues.Where(v => v.Converged && v.Real + v.Residual < -zero).ToList();
        if (negative.Count > 0)
        {
            return new Finding(Answer.No, $"{name} has {negative.Count} negative eigenvalues among its {spectrum.Eigenvalues.Count} smallest, "
                + $"down to {Describe(negative.MinBy(v => v.Real)!)}: a saddle of the player's cost");
        }

        var smallest = spectrum.Eigenvalues.MinBy(v => v.Real);
        if (smallest is null || !spectrum.Converged)
        {
            return new Finding(Answer.Undetermined, $"{name}'s smallest eigenvalues did not converge ({Describe(smallest)}; tolerance {F(zero)})");
        }

        return smallest.Real - smallest.Residual > zero
            ? new Finding(Answer.Yes, $"{name}'s smallest eigenvalue is {Describe(smallest)} > 0: positive definite")
            : new Finding(Answer.Undetermined, $"{name}'s smallest eigenvalue {Describe(smallest)} is zero within {F(zero)}: semidefinite at best, not strictly");
    }

    private static Finding All(string name, params Finding[] conditions)
    {
        if (conditions.All(c => c.Answer == Answer.Yes))
        {
            return new Finding(Answer.Yes, $"a {name}: every condition holds");
        }

        var failed = conditions.Where(c => c.Answer == Answer.No).ToList();
        return failed.Count > 0
            ? new Finding(Answer.No, $"not a {name}: {failed.Count} condition(s) fail")
            : new Finding(Answer.Undetermined, $"a {name} cannot be confirmed: {conditions.Count(c => c.Answer == Answer.Undetermined)} condition(s) undetermined");
    }

    private static string Classification(Finding stationary, Finding stable, Finding generator, Finding discriminator, Finding nash, Finding lssp, Finding? minimax)
    {
        static string Word(Finding f, string yes, string no, string undetermined) => f.Answer switch
        {
            Answer.Yes => yes,
            Answer.No => no,
            _ => undetermined,
        };

        var geometry = $"{Word(stable, "J stable (Re lambda > 0)", "J unstable (an eigenvalue with Re lambda < 0)", "J's stability undetermined")}, "
            + $"{Word(generator, "H_G > 0", "H_G indefinite (a saddle of J_G)", "H_G's sign undetermined")}, "
            + $"{Word(discriminator, "H_D > 0", "H_D indefinite (a saddle of J_D)", "H_D's sign undetermined")}";
        if (stationary.Answer == Answer.No)
        {
            return $"not a stationary point (the field exceeds its sampling noise); locally {geometry}";
        }

        if (nash.Answer == Answer.Yes)
        {
            return minimax?.Answer == Answer.Yes ? "differential Nash equilibrium and strict local minimax" : "differential Nash equilibrium";
        }

        if (lssp.Answer == Answer.Yes)
        {
            return nash.Answer == Answer.No
                ? $"locally stable stationary point that is not a differential Nash equilibrium: {geometry}"
                : $"locally stable stationary point; Nash undetermined: {geometry}";
        }

        if (minimax?.Answer == Answer.Yes)
        {
            return $"strict local minimax that is not a differential Nash equilibrium: {geometry}";
        }

        return stable.Answer == Answer.No
            ? $"unstable stationary point: {geometry}"
            : $"stationary point of undetermined kind: {geometry}";
    }

    private static string Describe(EigenvalueEstimate? v) => v is null
        ? "none found"
        : v.Imaginary == 0
            ? $"{F(v.Real)} (residual {F(v.Residual)})"
            : $"{F(v.Real)}{(v.Imaginary < 0 ? "-" : "+")}{F(Math.Abs(v.Imaginary))}i (residual {F(v.Residual)})";

    private static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
