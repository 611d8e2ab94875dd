namespace OrleansGan.Abstractions.Messages;

/// <summary>What one discriminator update saw and did.</summary>
/// <param name="DiscriminatorLoss">J_D on the real and fake minibatches, before the update.</param>
/// <param name="MeanRealScore">Mean D(x) on the real minibatch: sigma(logit), or the mean energy in the energy-based game.</param>
/// <param name="MeanFakeScore">Mean D(G(z)) on the fake minibatch, in the same terms.</param>
/// <param name="GradientNorm">Euclidean norm of dJ_D/dtheta_D over all discriminator parameters.</param>
[GenerateSerializer, Immutable]
public sealed record DiscriminatorMoveReport(
    [property: Id(0)] double DiscriminatorLoss,
    [property: Id(1)] double MeanRealScore,
    [property: Id(2)] double MeanFakeScore,
    [property: Id(3)] double GradientNorm);
