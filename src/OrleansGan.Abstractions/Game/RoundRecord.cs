namespace OrleansGan.Abstractions.Game;

/// <summary>The figures of one round, averaged over the moves of each player in that round.</summary>
/// <param name="MeanRealScore">
/// Mean D(x) on the real minibatches: sigma(logit), the probability D gives "real", except in the energy-based game,
/// where it is the mean energy (the autoencoder's reconstruction error: low is "real").
/// </param>
/// <param name="MeanFakeScore">Mean D(G(z)) on the fake minibatches, in the same terms as <paramref name="MeanRealScore"/>.</param>
/// <param name="Position">The generator's then the discriminator's parameters after the round, when the game tracks them.</param>
[GenerateSerializer, Immutable]
public sealed record RoundRecord(
    [property: Id(0)] int Round,
    [property: Id(1)] double DiscriminatorLoss,
    [property: Id(2)] double GeneratorLoss,
    [property: Id(3)] double MeanRealScore,
    [property: Id(4)] double MeanFakeScore,
    [property: Id(5)] double DiscriminatorGradientNorm,
    [property: Id(6)] double GeneratorGradientNorm,
    [property: Id(7)] IReadOnlyList<double>? Position = null);
