namespace OrleansGan.Abstractions.Messages;

/// <summary>The discriminator's part of a field picture: its output over a grid, and the gradient message at given samples.</summary>
/// <param name="Values">D at the centres of a [cells, cells] grid over the square; null when D is not a function of one point.</param>
/// <param name="ValuesAbsent">Why <paramref name="Values"/> is null; null when it is not.</param>
/// <param name="Gradient">dJ_G/dx at each sample, judged in minibatches of the game's size.</param>
[GenerateSerializer, Immutable]
public sealed record DiscriminatorField(
    [property: Id(0)] TensorBytes? Values,
    [property: Id(1)] string? ValuesAbsent,
    [property: Id(2)] TensorBytes Gradient);
