namespace OrleansGan.Abstractions.Messages;

/// <summary>The generator's move: a minibatch x = G(z) of fake samples, sent to the discriminator.</summary>
/// <param name="Samples">The fake samples, [batch, data dimension].</param>
/// <param name="KeptForGradient">True when the generator keeps G(z)'s graph to back-propagate a gradient message.</param>
/// <param name="Labels">
/// The class y each sample was generated for, one per sample in [0, classes), when the generator is class-conditional
/// (G(z, y)); null when it is not.
/// </param>
/// <param name="Round">The round the minibatch is played in (set by the protocol), for stabilizers that follow a schedule such as annealed instance noise.</param>
[GenerateSerializer, Immutable]
public sealed record FakeMinibatch(
    [property: Id(0)] TensorBytes Samples,
    [property: Id(1)] bool KeptForGradient,
    [property: Id(3)] int[]? Labels = null,
    [property: Id(2)] int Round = 0);
