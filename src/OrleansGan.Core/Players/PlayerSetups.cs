using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Randomness;

namespace OrleansGan.Core.Players;

/// <summary>
/// The setups a game's two players take their seats with, from its spec: the seeds, minibatch size, data, loss and
/// stabilizers the game itself gives them, so a player rebuilt outside the game (to draw its field from a checkpoint)
/// is the same player.
/// </summary>
public static class PlayerSetups
{
    /// <summary>The generator's setup; <paramref name="device"/> replaces the spec's device when given.</summary>
    public static GeneratorSetup Generator(GameSpec spec, string? device = null) =>
        new(device is null ? spec.Generator : spec.Generator with { Device = device }, PlayerSeeds.Generator(spec.Seed), spec.BatchSize, ClassConditioning.Classes(spec));

    /// <summary>The discriminator's setup; <paramref name="device"/> replaces the spec's device when given.</summary>
    public static DiscriminatorSetup Discriminator(GameSpec spec, string? device = null) =>
        new(device is null ? spec.Discriminator : spec.Discriminator with { Device = device }, PlayerSeeds.Discriminator(spec.Seed), spec.Data, spec.Loss,
            spec.BatchSize, spec.Stabilizers);
}
