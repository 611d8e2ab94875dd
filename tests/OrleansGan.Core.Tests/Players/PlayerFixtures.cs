using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Tensors;

namespace OrleansGan.Core.Tests.Players;

/// <summary>Small players built from the default spec, so that tests run in milliseconds.</summary>
internal static class PlayerFixtures
{
    public const int BatchSize = 8;

    private static readonly GameSpec Defaults = GameSpecLoader.Load(null);

    public static GeneratorSetup Generator(ulong seed, OptimizerSpec? optimizer = null) =>
        new(Defaults.Generator with
        {
            LatentSize = 4,
            Hidden = [16, 16],
            Optimizer = optimizer ?? Defaults.Generator.Optimizer,
        }, seed);

    public static DiscriminatorSetup Discriminator(ulong seed, LossKind loss = LossKind.NonSaturating) =>
        new(Defaults.Discriminator with { Hidden = [16, 16], Activation = Activation.Tanh }, seed, Defaults.Data, loss, BatchSize);

    /// <summary>Every parameter's values, in registration order, one array per parameter.</summary>
    public static float[][] Values(ParameterSnapshot snapshot) => snapshot.Values.Select(TensorCodec.ToArray).ToArray();

    public static void AssertSameParameters(ParameterSnapshot expected, ParameterSnapshot actual)
    {
        Assert.Equal(expected.Names, actual.Names);
        Assert.Equal(Values(expected), Values(actual));
    }

    /// <summary>True when every parameter tensor differs from its counterpart somewhere.</summary>
    public static bool EveryParameterDiffers(ParameterSnapshot a, ParameterSnapshot b) =>
        Values(a).Zip(Values(b)).All(pair => !pair.First.SequenceEqual(pair.Second));
}
