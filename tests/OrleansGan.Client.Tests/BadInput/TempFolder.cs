using System.Security.Cryptography;

namespace OrleansGan.Client.Tests.BadInput;

/// <summary>A temporary folder, removed with its contents; and a fingerprint of every file in a folder, to show that nothing changed.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orleansgan-bad-" + Guid.NewGuid().ToString("N"));

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to the file <paramref name="name"/> in the folder (made if need be); returns its path.</summary>
    public string Write(string name, string text)
    {
        Directory.CreateDirectory(Path);
        var path = Sub(name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Each file under <paramref name="folder"/> (relative path) with the SHA-256 of its bytes.</summary>
    public static SortedDictionary<string, string> Fingerprint(string folder) => new(
        // The folder lock is always empty, and a running command's lock cannot be read.
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => System.IO.Path.GetFileName(f) != OrleansGan.Client.Runs.FolderLock.FileName)
            .ToDictionary(f => System.IO.Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
