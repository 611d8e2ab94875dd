using OrleansGan.Core.Native;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Native;

public class TorchRuntimeTests
{
    [Fact]
    public void TorchSharp_loads_and_computes_a_gradient()
    {
        var report = TorchRuntime.EnsureLoaded();
        Assert.Contains("loaded", report);

        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1f, -2f, 3f }, requires_grad: true);
        var y = (x * x * x).sum();
        y.backward();
        Assert.Equal(new[] { 3f, 12f, 27f }, x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Loading_twice_is_harmless()
    {
        Assert.Equal(TorchRuntime.EnsureLoaded(), TorchRuntime.EnsureLoaded());
    }
}
