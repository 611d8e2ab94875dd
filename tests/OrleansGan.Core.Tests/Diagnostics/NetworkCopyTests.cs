using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Diagnostics;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Diagnostics;

/// <summary>A probe's copy of a network computes what the network computes, in either precision.</summary>
public class NetworkCopyTests
{
    public NetworkCopyTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void A_copy_has_the_same_parameters_and_output(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var stream = new Generator(3);
        var source = new Mlp("g", 4, [8, 8], 2, Activation.Tanh, normalization: Normalization.VirtualBatch);
        source.Initialize(stream, null);
        source.SetReferenceBatch(randn([16, 4], generator: stream));
        var copy = NetworkCopy.Of(source, new Mlp("g", 4, [8, 8], 2, Activation.Tanh, normalization: Normalization.VirtualBatch), dtype, CPU);
        Assert.Equal(source.parameters().Count(), copy.parameters().Count());
        Assert.All(copy.parameters(), p => Assert.Equal(dtype, p.dtype));
        var z = randn([5, 4], generator: stream);
        var expected = source.call(z).to(ScalarType.Float64);
        var actual = copy.call(z.to(dtype)).to(ScalarType.Float64);
        Assert.True((expected - actual).abs().max().ToDouble() < (dtype == ScalarType.Float64 ? 1e-6 : 1e-6));
    }
}
