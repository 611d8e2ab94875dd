using System.Globalization;
using System.Runtime.InteropServices;

namespace OrleansGan.Core.Native;

/// <summary>
/// Caps glibc's malloc arenas before libtorch allocates. glibc gives a thread that allocates under contention an arena
/// of its own, up to 8 per core; tensor work runs on whichever thread-pool thread a grain turn lands on, so libtorch's
/// many small allocations spread over all of them, and memory freed into one arena is not reused by another. Two
/// 60,000-round games side by side on a loaded machine: native memory grew 57 MB over rounds 5,000-20,000 with glibc's
/// default and 7 MB with two arenas (docs/benchmarks/long-game.md). A MALLOC_ARENA_MAX the user set is left as it is.
/// </summary>
public static class MallocArenas
{
    /// <summary>The cap used when the environment sets none.</summary>
    public const int DefaultLimit = 2;

    // mallopt's parameter number for M_ARENA_MAX in glibc's malloc.h.
    private const int ArenaMaxParameter = -8;

    private delegate int MalloptFunction(int parameter, int value);

    private delegate int MallocTrimFunction(nuint pad);

    private static readonly Lazy<MallocTrimFunction?> TrimFunction = new(() => GlibcFunction<MallocTrimFunction>("malloc_trim"));

    /// <summary>
    /// Hands the free pages inside every arena back to the system (glibc's malloc_trim); true if any were. glibc returns
    /// only the free top of a heap by itself: pages freed between live blocks stay resident until this is called.
    /// </summary>
    public static bool Trim() => TrimFunction.Value?.Invoke(0) == 1;

    /// <summary>Sets the cap once, where glibc is the C library; says what it did.</summary>
    public static string Limit()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "malloc arenas: not glibc, left alone.";
        }

        if (Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is { Length: > 0 } set)
        {
            return $"malloc arenas: MALLOC_ARENA_MAX={set} from the environment.";
        }

        if (GlibcFunction<MalloptFunction>("mallopt") is not { } mallopt)
        {
            return "malloc arenas: not glibc, left alone.";
        }

        var done = mallopt(ArenaMaxParameter, DefaultLimit) == 1;
        return done
            ? string.Create(CultureInfo.InvariantCulture, $"malloc arenas: at most {DefaultLimit}.")
            : "malloc arenas: mallopt refused the cap.";
    }

    // The C library's function of that name where the C library is glibc, else null: only glibc exports
    // gnu_get_libc_version, and musl's mallopt and malloc_trim do nothing.
    private static T? GlibcFunction<T>(string name)
        where T : Delegate =>
        OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _)
            && NativeLibrary.TryGetExport(libc, name, out var address)
            ? Marshal.GetDelegateForFunctionPointer<T>(address)
            : null;
}
