using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;

namespace OrleansGan.Core.Tests.Networks;

/// <summary>
/// The players of docs/specs/dcgan-mnist.yaml (Radford et al.'s settings) on top of the defaults. No 784-dimensional data
/// kind is in this branch yet, so the game keeps the default data and the players are built directly.
/// </summary>
internal static class DcganSpecs
{
    private static readonly GameSpec Defaults = GameSpecLoader.Load(null);

    public static GameSpec Load() => Defaults with
    {
        BatchSize = 128,
        Generator = Defaults.Generator with
        {
            Network = GeneratorNetwork.Dcgan,
            LatentSize = 100,
            Hidden = [128, 64],
            OutputSize = 784,
            Normalization = Normalization.Batch,
            Optimizer = Defaults.Generator.Optimizer with { Kind = OptimizerKind.Adam, LearningRate = 2e-4, Beta1 = 0.5, Beta2 = 0.999 },
        },
        Discriminator = Defaults.Discriminator with
        {
            Network = DiscriminatorNetwork.Dcgan,
            InputSize = 784,
            Hidden = [64, 128],
            Normalization = Normalization.Batch,
            Optimizer = Defaults.Discriminator.Optimizer with { Kind = OptimizerKind.Adam, LearningRate = 2e-4, Beta1 = 0.5, Beta2 = 0.999 },
        },
    };
}
