namespace OrleansGan.Abstractions.Messages;

/// <summary>What one generator update did.</summary>
/// <param name="GradientNorm">Euclidean norm of dJ_G/dtheta_G over all generator parameters.</param>
[GenerateSerializer, Immutable]
public sealed record GeneratorMoveReport([property: Id(0)] double GradientNorm);
