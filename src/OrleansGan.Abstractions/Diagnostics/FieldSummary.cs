namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>
/// The joint gradient field v = (grad_theta J_G, grad_psi J_D) on the diagnostic batch, and the stationarity test:
/// the batch's chunks give K independent fields v_k; their mean vbar and its standard error sigma/sqrt(K) (sigma^2 the
/// chunks' variance, summed over coordinates) compare as T = |vbar|^2 / (sigma^2 / K), which is about 1 when the
/// expected field is zero and grows with the number of samples when it is not.
/// </summary>
/// <param name="Norm">|v| on the whole batch.</param>
/// <param name="GeneratorNorm">|grad_theta J_G|.</param>
/// <param name="DiscriminatorNorm">|grad_psi J_D|.</param>
/// <param name="ChunkMeanNorm">|vbar|.</param>
/// <param name="NoiseNorm">sigma / sqrt(K): the norm of vbar's standard error.</param>
/// <param name="Ratio">T = |vbar|^2 / (sigma^2 / K).</param>
/// <param name="EffectiveDimension">How many directions the chunk-to-chunk noise spreads over, (tr C)^2 / |C|_F^2 of its covariance (at most K - 1).</param>
/// <param name="Threshold">The 99% quantile of T when the expected field is zero (an F distribution with that dimension).</param>
[GenerateSerializer, Immutable]
public sealed record FieldSummary(
    [property: Id(0)] double Norm,
    [property: Id(1)] double GeneratorNorm,
    [property: Id(2)] double DiscriminatorNorm,
    [property: Id(3)] double ChunkMeanNorm,
    [property: Id(4)] double NoiseNorm,
    [property: Id(5)] double Ratio,
    [property: Id(6)] double EffectiveDimension,
    [property: Id(7)] double Threshold,
    [property: Id(8)] double DiscriminatorLoss,
    [property: Id(9)] double GeneratorLoss,
    [property: Id(10)] double MeanRealScore,
    [property: Id(11)] double MeanFakeScore);
