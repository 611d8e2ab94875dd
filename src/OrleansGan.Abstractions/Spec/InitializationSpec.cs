namespace OrleansGan.Abstractions.Spec;

/// <summary>An MLP player's initial weights.</summary>
/// <param name="Scheme">The scheme.</param>
/// <param name="Std">The weights' std (normal only).</param>
/// <param name="Gain">The factor the orthogonal matrix is multiplied by (orthogonal only).</param>
[GenerateSerializer, Immutable]
public sealed record InitializationSpec(
    [property: Id(0)] WeightInitialization Scheme,
    [property: Id(1)] double Std = 0.02,
    [property: Id(2)] double Gain = 1);
