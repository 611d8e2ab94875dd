namespace OrleansGan.Abstractions.Spec;

/// <summary>How often the game saves both players and its records, so that a crash loses at most this many rounds.</summary>
/// <param name="Every">Checkpoint every this many rounds; 0 never.</param>
[GenerateSerializer, Immutable]
public sealed record CheckpointSpec([property: Id(0)] int Every);
