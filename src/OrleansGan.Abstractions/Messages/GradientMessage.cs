namespace OrleansGan.Abstractions.Messages;

/// <summary>
/// The discriminator's answer to a fake minibatch: dJ_G/dx, the gradient of the generator's loss with respect to
/// each fake sample, which the generator back-propagates through its own network.
/// </summary>
/// <param name="Gradient">dJ_G/dx, same shape as the fake minibatch.</param>
/// <param name="GeneratorLoss">J_G on this minibatch.</param>
/// <param name="MeanFakeScore">Mean D(G(z)) (a probability) on this minibatch.</param>
[GenerateSerializer, Immutable]
public sealed record GradientMessage(
    [property: Id(0)] TensorBytes Gradient,
    [property: Id(1)] double GeneratorLoss,
    [property: Id(2)] double MeanFakeScore);
