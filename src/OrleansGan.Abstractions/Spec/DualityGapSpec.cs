namespace OrleansGan.Abstractions.Spec;

/// <summary>
/// The duality gap DG = max_psi' V(theta, psi') - min_theta' V(theta', psi) (Grnarova et al. 2019), V = -J_D, each
/// half estimated by a copy of one player trained against the frozen other; and its perturbed variant (Sidheekh et
/// al. 2021), whose copies start from the weights plus Gaussian noise.
/// </summary>
/// <param name="Steps">Training steps of each worst-case copy; 0 turns the duality gap off.</param>
/// <param name="ScoreBatches">Held-out minibatches (of the game's size) V is averaged over.</param>
/// <param name="Perturbation">The perturbed variant's noise std on every weight; 0 computes the plain gap only.</param>
/// <param name="LearningRate">The copies' learning rate (their optimizer is the player's kind, with fresh state); null keeps the player's.</param>
[GenerateSerializer, Immutable]
public sealed record DualityGapSpec(
    [property: Id(0)] int Steps,
    [property: Id(1)] int ScoreBatches,
    [property: Id(2)] double Perturbation,
    [property: Id(3)] double? LearningRate = null);
