using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Core.Spectra;

namespace OrleansGan.Core.Diagnostics;

/// <summary>
/// A point of a two-player game as the diagnostics see it: its field with the stationarity test, a check of whether
/// it is zero-sum, and a vector space for each of its products. The players' probes behind grains are one; a game
/// written down as matrices (a test's constructed game) is another.
/// </summary>
public interface IDiagnosedGame
{
    /// <summary>Parameters of the generator (theta).</summary>
    long GeneratorSize { get; }

    /// <summary>Parameters of the discriminator (psi).</summary>
    long DiscriminatorSize { get; }

    /// <summary>The field on the diagnostic batch and its stationarity test; leaves the point ready for products.</summary>
    Task<FieldSummary> FieldAsync(Action<int> onStep, CancellationToken cancel);

    /// <summary>
    /// |&lt;b, C a&gt; + &lt;a, B b&gt;| / (|&lt;b, C a&gt;| + |&lt;a, B b&gt;|) for random a (theta) and b (psi) drawn from
    /// <paramref name="seed"/>: 0 when C = -B^T, as in a zero-sum game.
    /// </summary>
    Task<double> ZeroSumDefectAsync(ulong seed, CancellationToken cancel);

    /// <summary>A space of <paramref name="slots"/> vectors whose operator is <paramref name="product"/> (the Jacobian's spans both players, a Hessian's one).</summary>
    IKrylovSpace Space(ProbeProductKind product, int slots);
}
