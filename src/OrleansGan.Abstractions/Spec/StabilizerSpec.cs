namespace OrleansGan.Abstractions.Spec;

/// <summary>The tutorial's stabilizers, each switchable (section 4 of Goodfellow's tutorial).</summary>
/// <param name="RealLabel">
/// One-sided label smoothing: the target of real samples in the discriminator's cross-entropy (1 is off, 0.9 is the
/// tutorial's advice); the target of fake samples stays exactly 0. Cross-entropy losses only.
/// </param>
[GenerateSerializer, Immutable]
public sealed record StabilizerSpec([property: Id(0)] double RealLabel);
