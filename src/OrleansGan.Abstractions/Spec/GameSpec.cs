namespace OrleansGan.Abstractions.Spec;

/// <summary>Everything that defines a game: with its seed, a spec fully determines a run.</summary>
[GenerateSerializer, Immutable]
public sealed record GameSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] ulong Seed,
    [property: Id(2)] int Rounds,
    [property: Id(3)] int BatchSize,
    [property: Id(4)] DataSpec Data,
    [property: Id(5)] LossKind Loss,
    [property: Id(6)] ProtocolSpec Protocol,
    [property: Id(7)] GeneratorSpec Generator,
    [property: Id(8)] DiscriminatorSpec Discriminator,
    [property: Id(9)] EvaluationSpec Evaluation,
    [property: Id(10)] CheckpointSpec Checkpoint,
    [property: Id(11)] PlacementSpec Placement,
    [property: Id(12)] StabilizerSpec Stabilizers,
    [property: Id(13)] DiagnosticsSpec? Diagnostics = null);
