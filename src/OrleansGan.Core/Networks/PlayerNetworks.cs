using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Core.Networks;

/// <summary>Builds the network a player spec names.</summary>
public static class PlayerNetworks
{
    /// <summary>The generator's network.</summary>
    public static PlayerNetwork Generator(GeneratorSpec spec) => spec.Network switch
    {
        GeneratorNetwork.Mlp => new Mlp("generator", spec.LatentSize, spec.Hidden, spec.OutputSize, spec.Activation),
        GeneratorNetwork.PointMass => new PointMassGenerator("generator", spec.OutputSize),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Network, "unknown generator network"),
    };

    /// <summary>
    /// The discriminator's network: one logit per sample, or <paramref name="outputs"/> (the (n+1)-class discriminator's);
    /// the autoencoder gives one energy per sample.
    /// </summary>
    public static PlayerNetwork Discriminator(DiscriminatorSpec spec, int outputs = 1) => spec.Network switch
    {
        DiscriminatorNetwork.Mlp => new Mlp("discriminator", spec.InputSize, spec.Hidden, outputs, spec.Activation, spec.OutputScale),
        _ when outputs != 1 => throw new ArgumentException($"a {spec.Network} discriminator has one output, not {outputs}", nameof(outputs)),
        DiscriminatorNetwork.Linear => new LinearCritic("discriminator", spec.InputSize, spec.OutputScale),
        DiscriminatorNetwork.Autoencoder => new AutoencoderDiscriminator("discriminator", spec.InputSize, spec.Hidden, spec.Activation),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Network, "unknown discriminator network"),
    };
}
