namespace OrleansGan.Client.Runs;

/// <summary>
/// Held by the one command that writes a run or sweep folder (<c>run</c>, <c>resume</c>, <c>sweep</c>) for as long as it
/// writes there, so a second command on the same folder (a <c>resume</c> typed while the game still plays, two sweeps
/// on one folder) is refused before it connects or touches a file, instead of two embedded silos replaying one game
/// into the same checkpoints and CSV files.
/// </summary>
/// <remarks>
/// .NET maps <see cref="FileShare.None"/> to an advisory <c>flock</c> on Unix and to a share lock on Windows; either is
/// dropped by the operating system when the holder dies, even by SIGKILL, so a killed command never leaves a folder
/// locked. The lock file stays in the folder: removing it while held would let a waiting opener lock a file no longer
/// in the folder.
/// </remarks>
public sealed class FolderLock : IDisposable
{
    /// <summary>The lock file's name inside the folder.</summary>
    public const string FileName = ".orleans-gan.lock";

    private readonly FileStream _held;

    private FolderLock(FileStream held) => _held = held;

    /// <summary>Takes the lock on <paramref name="folder"/>, which must exist.</summary>
    /// <param name="folder">The run or sweep folder.</param>
    /// <param name="flag">The flag that named the folder, for the message.</param>
    /// <exception cref="ArgumentException">Another command holds the folder, or it cannot be written; the message names the flag.</exception>
    public static FolderLock Take(string folder, string flag)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            // Empty on purpose: a refused command must leave every file of the folder as it was.
            var held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new FolderLock(held);
        }
        catch (IOException e)
        {
            throw new ArgumentException($"{flag}: '{folder}' is in use by another orleans-gan command (a run, resume or sweep still writing it); "
                + $"wait for it to end or stop it first ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ArgumentException($"{flag}: cannot write into '{folder}': {e.Message}", e);
        }
    }

    /// <summary>Lets go of the folder.</summary>
    public void Dispose() => _held.Dispose();
}
