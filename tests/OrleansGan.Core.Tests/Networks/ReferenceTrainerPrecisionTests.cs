using OrleansGan.Core.Native;
using OrleansGan.Core.Reference;
using OrleansGan.Core.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Networks;

/// <summary>The reference trainer in float64 carries the virtual-batch reference batches into float64 with the weights.</summary>
public class ReferenceTrainerPrecisionTests
{
    public ReferenceTrainerPrecisionTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData("simultaneous")]
    [InlineData("consensus")]
    public void A_float64_reference_with_virtual_batch_players_plays_and_agrees_with_float32(string protocol)
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["batchSize"] = "16",
            ["protocol.kind"] = protocol,
            ["generator.hidden"] = "[8]",
            ["discriminator.hidden"] = "[8]",
            ["generator.normalization"] = "virtual-batch",
            ["discriminator.normalization"] = "virtual-batch",
            ["discriminator.minibatchFeatures.kernels"] = "2",
            ["discriminator.pack"] = "2",
        });
        using var single = new ReferenceTrainer(spec);
        using var precise = new ReferenceTrainer(spec, ScalarType.Float64);
        var a = single.PlayRound(1);
        var b = precise.PlayRound(1);
        Assert.Equal(b.DiscriminatorLoss, a.DiscriminatorLoss, 4);
        Assert.Equal(b.GeneratorLoss, a.GeneratorLoss, 4);
    }
}
