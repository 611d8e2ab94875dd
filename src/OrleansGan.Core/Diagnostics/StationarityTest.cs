using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using OrleansGan.Abstractions.Diagnostics;

namespace OrleansGan.Core.Diagnostics;

/// <summary>
/// Is the expected field zero? On a finite sample v is never exactly zero, so the test compares the mean field of K
/// equal chunks of the diagnostic batch with its own standard error. With the chunks' Gram matrix G_ij = &lt;v_i, v_j&gt;
/// (inner products are all it needs, so the vectors stay with their players): |vbar|^2 = 1^T G 1 / K^2, the centred
/// Gram C = P G P (P = I - 11^T / K) gives the chunks' variance sigma^2 = tr C / (K - 1), and T = K |vbar|^2 / sigma^2.
/// If the field's expectation is zero and its noise spreads over d directions, T is roughly F(d, (K - 1) d); d is
/// estimated as (tr C)^2 / |C|_F^2, which cannot exceed K - 1 and so errs towards a larger threshold (the test then
/// calls a point stationary a little more readily than it should, never less).
/// </summary>
public static class StationarityTest
{
    /// <summary>The test's level: T above the 99% quantile of its zero-field distribution rejects stationarity.</summary>
    public const double Level = 0.99;

    /// <summary>Summarises the field from the whole batch's norms and the chunks' Gram matrix.</summary>
    public static FieldSummary Summarize(double generatorSquaredNorm, double discriminatorSquaredNorm, Matrix<double> chunkGram, ProbeJudgment costs)
    {
        var k = chunkGram.RowCount;
        if (k < 2 || chunkGram.ColumnCount != k)
        {
            throw new ArgumentException($"the stationarity test needs a square Gram matrix of at least 2 chunks, got {chunkGram.RowCount}x{chunkGram.ColumnCount}", nameof(chunkGram));
        }

        var meanSquared = Math.Max(chunkGram.Enumerate().Sum(), 0) / (k * (double)k);
        var centring = Matrix<double>.Build.DenseIdentity(k) - Matrix<double>.Build.Dense(k, k, 1.0 / k);
        var centred = centring * chunkGram * centring;
        var trace = Math.Max(centred.Trace(), 0);
        var variance = trace / (k - 1);
        var frobenius = centred.FrobeniusNorm();
        var dimension = frobenius > 0 ? Math.Clamp(trace * trace / (frobenius * frobenius), 1, k - 1) : 1;
        var ratio = variance > 0 ? k * meanSquared / variance : meanSquared > 0 ? double.PositiveInfinity : 0;
        var threshold = FisherQuantile(dimension, (k - 1) * dimension, Level);
        return new FieldSummary(
            Math.Sqrt(generatorSquaredNorm + discriminatorSquaredNorm), Math.Sqrt(generatorSquaredNorm), Math.Sqrt(discriminatorSquaredNorm),
            Math.Sqrt(meanSquared), Math.Sqrt(variance / k), ratio, dimension, threshold,
            costs.DiscriminatorLoss, costs.GeneratorLoss, costs.MeanRealScore, costs.MeanFakeScore);
    }

    // The p-quantile of F(d1, d2) through the Beta distribution it maps to (d1 X / (d1 X + d2) ~ Beta(d1/2, d2/2)):
    // MathNet's own F quantile searches an unbounded interval and gives up on heavy tails such as F(1, 1).
    private static double FisherQuantile(double d1, double d2, double p)
    {
        var y = Beta.InvCDF(d1 / 2, d2 / 2, p);
        return d2 * y / (d1 * (1 - y));
    }
}
