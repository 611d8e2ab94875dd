namespace OrleansGan.Abstractions.Game;

/// <summary>What the discriminator's output over the plane means, which decides how a field picture labels it.</summary>
public enum FieldValueKind
{
    /// <summary>D(x) = sigma(logit), the probability that x is real (the cross-entropy games).</summary>
    Probability,

    /// <summary>The raw output, a critic's value (Wasserstein, hinge, least squares): higher means "more real".</summary>
    Critic,

    /// <summary>The autoencoder's reconstruction energy (the energy-based game): lower means "more real".</summary>
    Energy,
}
