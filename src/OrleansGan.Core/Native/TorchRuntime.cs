using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace OrleansGan.Core.Native;

/// <summary>
/// The one owner of native loading: makes TorchSharp's native layer loadable on this machine before the first
/// tensor is made. Every entry point that creates tensors calls <see cref="EnsureLoaded"/>; it is idempotent and cheap.
/// </summary>
public static class TorchRuntime
{
    /// <summary>The symbol version TorchSharp 0.107's native layer asks for without using it.</summary>
    public const string UnusedRequiredVersion = "GLIBCXX_3.4.32";

    private const string NativeLibraryFile = "libLibTorchSharp.so";
    private static readonly Lazy<string> Loaded = new(LoadOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The intra-op threads a silo gives libtorch unless told otherwise: one. A silo computes many moves at once (two
    /// players, any number of games), so its parallelism is across grains; libtorch's default (one thread per core)
    /// makes every [batch, 128] matmul an MKL call split across an OpenMP team that each calling thread pool thread
    /// starts for itself, and on a busy machine its threads wait at barriers for descheduled partners. Measured on
    /// the 2-core machine (docs/benchmarks/speed.md): the default costs the ring game a third of its speed. One
    /// thread also makes a game's numbers the same on every machine: the order of MKL's sums depends on its thread
    /// count, so at the default a game played on 2 cores and on 16 parts after a few hundred rounds.
    /// </summary>
    public const int SiloIntraOpThreads = 1;

    /// <summary>Makes sure TorchSharp loads; returns a line saying what was done (for logs).</summary>
    public static string EnsureLoaded() => Loaded.Value;

    /// <summary>
    /// Sets libtorch's intra-op threads for the whole process (MKL's and OpenMP's; 0 leaves libtorch's default).
    /// Process-wide, so one owner decides it once, before the first move: the silo's host.
    /// </summary>
    public static void UseIntraOpThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        EnsureLoaded();
        if (threads > 0)
        {
            torch.set_num_threads(threads);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> with one intra-op thread on a thread of its own, changing no other thread's count
    /// and not the count threads copy when they first compute. For work whose numbers must not depend on the machine
    /// or on the process's setting (the digit classifier's training), in a process whose moves may be computing at
    /// once at another setting (a silo at <c>Silo:TorchThreads 0</c>).
    /// </summary>
    /// <remarks>
    /// <c>torch.set_num_threads</c> cannot do this: besides the calling thread's OpenMP and MKL counts it stores the
    /// process-wide count that every thread not yet computing copies when it first does (libtorch's ParallelOpenMP.cpp),
    /// so a thread-pool thread that starts a move while it is set keeps one thread for good. Here only this thread's
    /// own counts change (OpenMP's <c>omp_set_num_threads</c> and MKL's <c>MKL_Set_Num_Threads_Local</c> are per
    /// thread), after its first copy of the process-wide count, and the thread ends with the work. Where those
    /// functions are not exported (a libtorch build without OpenMP or MKL), this falls back to the process-wide
    /// setting under a lock and restores it.
    /// </remarks>
    public static T OnOneIntraOpThread<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        EnsureLoaded();
        T result = default!;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = OneIntraOpThreadHere(work);
            }
            catch (Exception e)
            {
                failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            Name = "one intra-op thread",
            IsBackground = true,
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    private static T OneIntraOpThreadHere<T>(Func<T> work)
    {
        // The first libtorch call on a thread copies the process-wide count into the thread's own; do it before setting ours.
        if (torch.get_num_threads() != 1)
        {
            if (ThreadLocalSetters.Value is not var (omp, mkl))
            {
                lock (ProcessWideSetting)
                {
                    var threads = torch.get_num_threads();
                    torch.set_num_threads(1);
                    try
                    {
                        return work();
                    }
                    finally
                    {
                        torch.set_num_threads(threads);
                    }
                }
            }

            omp(1);
            mkl(1);
            if (torch.get_num_threads() != 1)
            {
                throw new InvalidOperationException($"libtorch computes on {torch.get_num_threads()} intra-op threads after setting one for this thread");
            }
        }

        return work();
    }

    private static readonly object ProcessWideSetting = new();

    private static readonly Lazy<(Action<int> OpenMp, Func<int, int> Mkl)?> ThreadLocalSetters = new(FindThreadLocalSetters);

    private static unsafe (Action<int> OpenMp, Func<int, int> Mkl)? FindThreadLocalSetters()
    {
        // libtorch_cpu is loaded by now (EnsureLoaded); opening it again returns the same handle, and a symbol lookup on
        // it also searches the libraries it depends on, where OpenMP's runtime (libtorch's own libgomp copy) lives.
        // MKL's C entry point is the mixed-case name (mkl_service.h maps the lower-case one to it); the exported
        // lower-case symbol is the Fortran one, which takes a pointer.
        string[] names = OperatingSystem.IsWindows() ? ["torch_cpu.dll"] : OperatingSystem.IsMacOS() ? ["libtorch_cpu.dylib"] : ["libtorch_cpu.so"];
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, typeof(torch).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out var library)
                && NativeLibrary.TryGetExport(library, "omp_set_num_threads", out var omp)
                && NativeLibrary.TryGetExport(library, "MKL_Set_Num_Threads_Local", out var mkl))
            {
                var setOmp = (delegate* unmanaged<int, void>)omp;
                var setMkl = (delegate* unmanaged<int, int>)mkl;
                return (n => setOmp(n), n => setMkl(n));
            }
        }

        return null;
    }

    private static string LoadOnce()
    {
        var report = new StringBuilder();
        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            var libstdcxx = FindLoadedLibStdCxx();
            if (libstdcxx is null || ContainsVersion(libstdcxx, UnusedRequiredVersion))
            {
                report.Append("libstdc++ provides ").Append(UnusedRequiredVersion).Append("; no patch needed. ");
            }
            else
            {
                foreach (var library in CandidateNativeLibraries())
                {
                    report.Append(PatchInPlace(library)).Append(' ');
                }
            }
        }

        report.Append(MallocArenas.Limit()).Append(' ');

        // Force the native load now, so a failure surfaces here with TorchSharp's own trace.
        torch.InitializeDeviceType(DeviceType.CPU);
        return report.Append("TorchSharp ").Append(typeof(torch).Assembly.GetName().Version).Append(" loaded.").ToString();
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static string PatchInPlace(string library)
    {
        var bytes = File.ReadAllBytes(library);
        var outcome = ElfVersionNeedPatcher.MarkWeak(bytes, UnusedRequiredVersion);
        if (outcome != ElfVersionNeedPatcher.Outcome.Patched)
        {
            return $"{library}: {outcome}.";
        }

        // The file is the copy in this application's own output folder, loaded by no other program.
        // Write beside it and rename, so a concurrent process never sees half a library.
        var temporary = $"{library}.{Environment.ProcessId}.patching";
        File.WriteAllBytes(temporary, bytes);
        File.SetUnixFileMode(temporary, File.GetUnixFileMode(library));
        File.Move(temporary, library, overwrite: true);
        return $"{library}: marked {UnusedRequiredVersion} weak.";
    }

    private static IEnumerable<string> CandidateNativeLibraries()
    {
        var folders = new List<string> { AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native") };
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirectories)
        {
            folders.AddRange(searchDirectories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        }

        // Only copies inside this application's folder: a shared package cache is loaded by other programs too.
        var own = Path.GetFullPath(AppContext.BaseDirectory);
        return folders
            .Select(folder => Path.GetFullPath(Path.Combine(folder, NativeLibraryFile)))
            .Where(path => path.StartsWith(own, StringComparison.Ordinal) && File.Exists(path))
            .Distinct(StringComparer.Ordinal);
    }

    private static string? FindLoadedLibStdCxx()
    {
        try
        {
            var mapped = File.ReadLines("/proc/self/maps")
                .Select(line => line[(line.IndexOf('/', StringComparison.Ordinal) is var i && i >= 0 ? i : line.Length)..])
                .FirstOrDefault(path => path.Contains("libstdc++.so", StringComparison.Ordinal));
            if (!string.IsNullOrEmpty(mapped))
            {
                return mapped;
            }
        }
        catch (IOException)
        {
        }

        string[] usual = ["/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6"];
        return usual.FirstOrDefault(File.Exists);
    }

    private static bool ContainsVersion(string library, string version)
    {
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        return File.ReadAllBytes(library).AsSpan().IndexOf(needle) >= 0;
    }
}
