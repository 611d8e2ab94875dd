using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace OrleansGan.Core.Theory;

/// <summary>What the eigenvalues of a protocol's update map at the equilibrium say about the game near it.</summary>
/// <param name="Eigenvalues">The eigenvalues of the Jacobian of the update map.</param>
/// <param name="SpectralRadius">The largest modulus: the asymptotic per-round factor of the distance to the equilibrium.</param>
public sealed record StabilityPrediction(IReadOnlyList<Complex> Eigenvalues, double SpectralRadius)
{
    /// <summary>Within this of 1, the spectral radius counts as 1 (a cycle neither converging nor diverging).</summary>
    public const double NeutralBand = 1e-9;

    /// <summary>Converges, cycles or diverges.</summary>
    public string Verdict => SpectralRadius < 1 - NeutralBand ? "converges"
        : SpectralRadius > 1 + NeutralBand ? "diverges"
        : "cycles";

    /// <summary>Rounds for the distance to the equilibrium to change tenfold (infinite when it cycles).</summary>
    public double RoundsPerDecade => Math.Abs(Math.Log10(SpectralRadius)) is var d && d > 0 ? 1 / d : double.PositiveInfinity;

    /// <summary>A sentence for people: the verdict and its rate.</summary>
    public string Describe() => Verdict switch
    {
        "converges" => string.Create(CultureInfo.InvariantCulture, $"converges: distance x{SpectralRadius:F6} per round, 10x closer every {RoundsPerDecade:F0} rounds"),
        "diverges" => string.Create(CultureInfo.InvariantCulture, $"diverges: distance x{SpectralRadius:F6} per round, 10x farther every {RoundsPerDecade:F0} rounds"),
        _ => "cycles: |lambda| = 1, the distance neither shrinks nor grows",
    };

    /// <summary>The eigenvalues as text.</summary>
    public string EigenvaluesText() => string.Join("  ", Eigenvalues.Select(e =>
        string.Create(CultureInfo.InvariantCulture, $"{e.Real:F4}{(e.Imaginary < 0 ? "-" : "+")}{Math.Abs(e.Imaginary):F4}i")));

    /// <summary>The prediction for a Jacobian.</summary>
    public static StabilityPrediction Of(Matrix<double> jacobian)
    {
        var eigenvalues = jacobian.Evd().EigenValues.ToArray();
        return new StabilityPrediction(eigenvalues, eigenvalues.Max(e => e.Magnitude));
    }
}
