namespace OrleansGan.Abstractions.Spec;

/// <summary>The tutorial's stabilizers, each switchable (section 4 of Goodfellow's tutorial).</summary>
/// <param name="RealLabel">
/// One-sided label smoothing: the target of real samples in the discriminator's cross-entropy (1 is off, 0.9 is the
/// tutorial's advice); the target of fake samples stays exactly 0. Cross-entropy losses only.
/// </param>
/// <param name="ClassLabels">
/// How the players use the samples' classes: not at all, a class-conditional pair G(z, y) and D(x, y)
/// (Mirza and Osindero 2014), or an (n+1)-class discriminator (Salimans et al. 2016, section 5).
/// </param>
[GenerateSerializer, Immutable]
public sealed record StabilizerSpec(
    [property: Id(0)] double RealLabel,
    [property: Id(4)] ClassLabels ClassLabels = ClassLabels.None);
