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

    [Fact]
    public void Work_on_one_intra_op_thread_changes_no_other_threads_count()
    {
        TorchRuntime.EnsureLoaded();
        var here = get_num_threads();
        var fresh = OnFreshThread(get_num_threads);

        // Inside: one thread. A thread that first computes meanwhile (a move starting on a new pool thread) gets the
        // process's count, not one, which torch.set_num_threads would have given it.
        var (inside, startedMeanwhile) = TorchRuntime.OnOneIntraOpThread(() => (get_num_threads(), OnFreshThread(get_num_threads)));

        Assert.Equal(1, inside);
        Assert.Equal(fresh, startedMeanwhile);
        Assert.Equal(here, get_num_threads());
        Assert.Equal(fresh, OnFreshThread(get_num_threads));
        Assert.Equal("refused", Assert.Throws<InvalidOperationException>(() => TorchRuntime.OnOneIntraOpThread<int>(() => throw new InvalidOperationException("refused"))).Message);
    }

    private static T OnFreshThread<T>(Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result;
    }
}
