namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>How far a diagnosis has got: the stage it is in, and the work done in it.</summary>
/// <param name="Stage">The stage ("field", "J, largest |lambda|", "duality gap", ...).</param>
/// <param name="Done">Units done in this stage (products, steps, points).</param>
/// <param name="Total">Units the stage will take at most, or 0 when unknown (a Krylov method stops when it converges).</param>
/// <param name="StagesDone">Stages finished.</param>
/// <param name="Stages">Stages in all.</param>
[GenerateSerializer, Immutable]
public sealed record DiagnosisProgress(
    [property: Id(0)] string Stage,
    [property: Id(1)] int Done,
    [property: Id(2)] int Total,
    [property: Id(3)] int StagesDone,
    [property: Id(4)] int Stages);
