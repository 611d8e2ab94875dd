using OrleansGan.Core.Native;

namespace OrleansGan.Core.Tests.Native;

public class MallocArenasTests
{
    // The machines this project runs on (Debian 12) use glibc: the cap and the trim must reach it, not fall back to
    // "not glibc" because a symbol lookup went wrong.
    [Fact]
    public void On_glibc_the_arena_cap_is_set_and_free_pages_can_be_trimmed()
    {
        if (!File.Exists("/lib/x86_64-linux-gnu/libc.so.6"))
        {
            return; // Not a glibc machine: both leave malloc alone there.
        }

        var report = TorchRuntime.EnsureLoaded();
        Assert.Contains(Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is { Length: > 0 } set
            ? $"malloc arenas: MALLOC_ARENA_MAX={set} from the environment."
            : $"malloc arenas: at most {MallocArenas.DefaultLimit}.", report);
        MallocArenas.Trim(); // Calls into glibc through the looked-up function: it must not throw.
    }
}
