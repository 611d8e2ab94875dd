namespace OrleansGan.Abstractions.Spec;

/// <summary>The real data the discriminator samples from.</summary>
/// <param name="Kind">Which distribution.</param>
/// <param name="Path">
/// For <see cref="DataKind.Mnist"/>: a folder holding the MNIST IDX files (train-images-idx3-ubyte and
/// train-labels-idx1-ubyte, or t10k-*, optionally .gz); null to use the digits the project downloads itself.
/// </param>
/// <param name="Radius">The ring's radius; null is 2 (ring8 only). The Unrolled GAN paper uses 2; its notebook, VEEGAN, PacGAN and the Numerics of GANs use 1.</param>
/// <param name="Spacing">The distance between neighbouring grid means, which lie on spacing x {-2..2}^2; null is 2 (grid25 only).</param>
/// <param name="Std">The std of every mode; null is the kind's own (0.02 for ring8, 0.05 for grid25).</param>
/// <param name="RingAngles">Where the ring's modes lie on the circle (ring8 only).</param>
/// <param name="Stratified">
/// When true, every real minibatch holds each mode equally often: sample i of a minibatch is drawn from mode i mod n,
/// as the Numerics of GANs' notebook does (batch 512 = 64 per mode); batchSize must then be a multiple of the modes.
/// Mixtures only.
/// </param>
/// <param name="Size">
/// When set, the discriminator trains on a fixed dataset of this many samples, drawn once from the game's seed
/// (PacGAN's 100,000), in passes: each pass visits every sample once in an order shuffled from the discriminator's
/// stream, and a minibatch that reaches the end of a pass continues in the next. Null draws every minibatch afresh
/// from the distribution. Mixtures only.
/// </param>
[GenerateSerializer, Immutable]
public sealed record DataSpec(
    [property: Id(0)] DataKind Kind,
    [property: Id(1)] string? Path = null,
    [property: Id(2)] double? Radius = null,
    [property: Id(3)] double? Spacing = null,
    [property: Id(4)] double? Std = null,
    [property: Id(5)] RingAngles RingAngles = RingAngles.Even,
    [property: Id(6)] bool Stratified = false,
    [property: Id(7)] int? Size = null);
