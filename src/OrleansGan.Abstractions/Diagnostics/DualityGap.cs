namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>
/// One duality gap estimate DG = V(theta, psi') - V(theta', psi), V = -J_D on held-out data: psi' a copy of the
/// discriminator trained against the frozen generator, theta' a copy of the generator trained against the frozen
/// discriminator (Grnarova et al. 2019); with a perturbation, both copies started from the weights plus that noise
/// (Sidheekh et al. 2021). It is &gt;= 0 up to the copies' imperfect training and 0 at a pure Nash equilibrium.
/// </summary>
/// <param name="Value">V(theta, psi) on the same held-out batches.</param>
/// <param name="WorstDiscriminatorValue">V(theta, psi') (Grnarova's M1), which the worst-case discriminator pushed up.</param>
/// <param name="WorstGeneratorValue">V(theta', psi) (M2), which the worst-case generator pushed down.</param>
/// <param name="Perturbation">The copies' starting noise std (0 for the plain gap).</param>
/// <param name="Steps">Training steps of each copy.</param>
/// <param name="Seconds">Wall time of the slower half.</param>
[GenerateSerializer, Immutable]
public sealed record DualityGap(
    [property: Id(0)] double Value,
    [property: Id(1)] double WorstDiscriminatorValue,
    [property: Id(2)] double WorstGeneratorValue,
    [property: Id(3)] double Perturbation,
    [property: Id(4)] int Steps,
    [property: Id(5)] double Seconds)
{
    /// <summary>DG = M1 - M2.</summary>
    public double Gap => WorstDiscriminatorValue - WorstGeneratorValue;
}
