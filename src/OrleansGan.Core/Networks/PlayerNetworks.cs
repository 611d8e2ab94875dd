using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>Builds the network a player spec names, and prepares it the same way for the players and the reference trainer.</summary>
public static class PlayerNetworks
{
    /// <summary>The generator's network.</summary>
    public static PlayerNetwork Generator(GeneratorSpec spec) => spec.Network switch
    {
        GeneratorNetwork.Mlp => new Mlp("generator", spec.LatentSize, spec.Hidden, spec.OutputSize, spec.Activation,
            normalization: NormalizationOf(spec), initialization: InitializationScheme.For(spec.Initialization, InitializationScheme.PyTorchDefault),
            hiddenBias: spec.HiddenBias),
        GeneratorNetwork.PointMass => new PointMassGenerator("generator", spec.OutputSize),
        GeneratorNetwork.Dcgan => new DcganGenerator("generator", spec.LatentSize, spec.Hidden, NormalizationOf(spec)),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Network, "unknown generator network"),
    };

    /// <summary>
    /// The discriminator's network: one logit per sample (or per pack of samples), or <paramref name="outputs"/> (the
    /// (n+1)-class discriminator's; MLP and DCGAN only); the autoencoder gives one energy per sample. A discriminator
    /// conditioned on <paramref name="classes"/> classes reads [x, onehot(y)]: dense first layers just widen, the DCGAN
    /// discriminator turns the one-hot into constant class channels (<see cref="ClassChannels"/>).
    /// </summary>
    public static PlayerNetwork Discriminator(DiscriminatorSpec spec, int outputs = 1, int classes = 0) => spec.Network switch
    {
        DiscriminatorNetwork.Mlp => new Mlp("discriminator", spec.InputSize + classes, spec.Hidden, outputs, spec.Activation, spec.OutputScale,
            NormalizationOf(spec), spec.MinibatchFeatures, spec.Pack, InitializationScheme.For(spec.Initialization, InitializationScheme.PyTorchDefault),
            spec.HiddenBias, spec.MaxoutPieces, spec.InputScale),
        DiscriminatorNetwork.Dcgan => new DcganDiscriminator("discriminator", spec.Hidden, NormalizationOf(spec), spec.OutputScale,
            spec.MinibatchFeatures, spec.Pack, classes, outputs),
        _ when outputs != 1 => throw new ArgumentException($"a {spec.Network} discriminator has one output, not {outputs}", nameof(outputs)),
        DiscriminatorNetwork.Linear => new LinearCritic("discriminator", spec.InputSize + classes, spec.OutputScale),
        DiscriminatorNetwork.Autoencoder when classes == 0 => new AutoencoderDiscriminator("discriminator", spec.InputSize, spec.Hidden, spec.Activation),
        DiscriminatorNetwork.Autoencoder => throw new ArgumentException("the autoencoder discriminator reconstructs x alone and reads no class", nameof(classes)),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Network, "unknown discriminator network"),
    };

    /// <summary>The generator's normalisation: the spec's, else batch for DCGAN (Radford et al. 2016) and none otherwise.</summary>
    public static Normalization NormalizationOf(GeneratorSpec spec) =>
        spec.Normalization ?? (spec.Network == GeneratorNetwork.Dcgan ? Normalization.Batch : Normalization.None);

    /// <summary>The discriminator's normalisation: the spec's, else batch for DCGAN (Radford et al. 2016) and none otherwise.</summary>
    public static Normalization NormalizationOf(DiscriminatorSpec spec) =>
        spec.Normalization ?? (spec.Network == DiscriminatorNetwork.Dcgan ? Normalization.Batch : Normalization.None);

    /// <summary>
    /// Initialises the generator from its stream, then, if it normalises by virtual batch, draws its reference batch of
    /// <paramref name="batchSize"/> latent vectors z ~ N(0, I) from the same stream, once: the players and the reference
    /// trainer both call this first, so their streams stay in step.
    /// </summary>
    public static void Prepare(PlayerNetwork generator, GeneratorSpec spec, int batchSize, Generator stream)
    {
        generator.Initialize(stream, spec.InitialValue);
        if (generator.UsesReferenceBatch)
        {
            CheckReferenceSize(batchSize, "generator");
            using var z = randn([batchSize, spec.LatentSize], generator: stream);
            generator.SetReferenceBatch(z);
        }
    }

    /// <summary>
    /// Initialises the discriminator from its stream, then, if it normalises by virtual batch, draws its reference batch
    /// of <paramref name="batchSize"/> real samples from the same stream, once.
    /// </summary>
    public static void Prepare(PlayerNetwork discriminator, DiscriminatorSpec spec, RealData data, int batchSize, Generator stream)
    {
        discriminator.Initialize(stream, spec.InitialValue);
        if (discriminator.UsesReferenceBatch)
        {
            CheckReferenceSize(batchSize, "discriminator");
            using var real = data.Sample(batchSize, stream, CPU);
            discriminator.SetReferenceBatch(real);
        }
    }

    private static void CheckReferenceSize(int batchSize, string player)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                $"{player}: virtual batch normalisation needs the game's batch size for its reference batch");
        }
    }
}
