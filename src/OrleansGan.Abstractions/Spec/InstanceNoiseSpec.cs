namespace OrleansGan.Abstractions.Spec;

/// <summary>
/// Instance noise (Sønderby et al. 2016; Arjovsky and Bottou 2017, section 3.1): Gaussian noise added to every sample,
/// real or fake, the discriminator sees while training, so the two distributions overlap and D's gradient stays
/// informative. Its std anneals linearly from <paramref name="Sigma0"/> to 0.
/// </summary>
/// <param name="Sigma0">The std at round 0 (0: no noise).</param>
/// <param name="AnnealRounds">The rounds over which the std falls linearly to 0, sigma(r) = Sigma0 max(0, 1 - r / T); 0 keeps it constant.</param>
[GenerateSerializer, Immutable]
public sealed record InstanceNoiseSpec(
    [property: Id(0)] double Sigma0,
    [property: Id(1)] int AnnealRounds);
