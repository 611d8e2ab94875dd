using OrleansGan.Core.Native;

namespace OrleansGan.Core.Tests.Native;

public class ElfVersionNeedPatcherTests
{
    // The library exactly as NuGet restored it, before this project touched its own copy.
    private static byte[] PristineLibTorchSharp()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"the restored TorchSharp package should contain {path}");
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void Marks_the_unused_libstdcxx_requirement_weak_once()
    {
        var elf = PristineLibTorchSharp();
        var original = (byte[])elf.Clone();

        Assert.Equal(ElfVersionNeedPatcher.Outcome.Patched, ElfVersionNeedPatcher.MarkWeak(elf, TorchRuntime.UnusedRequiredVersion));
        Assert.Equal(ElfVersionNeedPatcher.Outcome.AlreadyWeak, ElfVersionNeedPatcher.MarkWeak(elf, TorchRuntime.UnusedRequiredVersion));

        // Exactly one byte (the low byte of vna_flags) changes.
        var changed = Enumerable.Range(0, elf.Length).Where(i => elf[i] != original[i]).ToList();
        Assert.Single(changed);
        Assert.Equal(original[changed[0]] | 0x2, elf[changed[0]]);
    }

    [Fact]
    public void A_version_the_library_does_not_need_is_left_alone()
    {
        var elf = PristineLibTorchSharp();
        Assert.Equal(ElfVersionNeedPatcher.Outcome.NotRequired, ElfVersionNeedPatcher.MarkWeak(elf, "GLIBCXX_9.9.99"));
    }

    [Fact]
    public void A_file_that_is_not_ELF_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkWeak(new byte[128], "GLIBCXX_3.4.32"));
        Assert.Contains("not an ELF file", error.Message);
    }
}
