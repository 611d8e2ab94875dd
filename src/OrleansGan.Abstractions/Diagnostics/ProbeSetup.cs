using OrleansGan.Abstractions.Messages;

namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>
/// What a player needs to take part in the diagnostics of the point it holds: a copy of its network in
/// <see cref="Precision"/>, the fixed <see cref="Batch"/>, and room for <see cref="Slots"/> vectors of its own
/// parameters' size (its block of every Krylov vector).
/// </summary>
/// <param name="SolveTolerance">The discriminator's conjugate-gradient solves with H_D (Schur complement): relative residual.</param>
/// <param name="SolveIterations">Their iteration limit.</param>
[GenerateSerializer, Immutable]
public sealed record ProbeSetup(
    [property: Id(0)] DiagnosticBatch Batch,
    [property: Id(1)] int Slots,
    [property: Id(2)] TensorPrecision Precision,
    [property: Id(3)] double SolveTolerance = 1e-10,
    [property: Id(4)] int SolveIterations = 500);
