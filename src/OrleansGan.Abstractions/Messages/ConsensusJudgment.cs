namespace OrleansGan.Abstractions.Messages;

/// <summary>
/// The discriminator's first answer in a consensus round: the gradient message u = dJ_G/dx, and
/// q = d(1/2 |grad_psi J_D|^2)/dx, how the norm of its own gradient depends on the fake samples (and so on the generator).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConsensusJudgment(
    [property: Id(0)] GradientMessage Gradient,
    [property: Id(1)] TensorBytes FieldNormGradient);
