namespace OrleansGan.Abstractions.Messages;

/// <summary>
/// What the generator needs to finish a consensus step: q and s (both batch-shaped, back-propagated through G as
/// J_x^T (q + s)) and gamma.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConsensusCorrection(
    [property: Id(0)] TensorBytes FieldNormGradient,
    [property: Id(1)] TensorBytes HessianVectorProduct,
    [property: Id(2)] double Weight);
