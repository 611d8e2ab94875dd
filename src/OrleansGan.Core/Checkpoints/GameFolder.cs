using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansGan.Core.Checkpoints;

/// <summary>The folder under a store's root that holds one game's files (its checkpoint and its record logs).</summary>
public static partial class GameFolder
{
    /// <summary>root/&lt;game id&gt;, or for an id that is not a safe file name its safe characters plus a hash.</summary>
    public static string Of(string root, string gameId) => Path.Combine(root, SafeName(gameId));

    /// <summary>
    /// <paramref name="id"/> itself when it is a safe file name; otherwise ("theory-alternating(1,1)", "game/x") its safe
    /// characters plus a hash, so two ids never share a name and none can climb out of a folder.
    /// </summary>
    public static string SafeName(string id) => GameIdPattern().IsMatch(id)
        ? id
        : $"{UnsafeCharacters().Replace(id, "_")}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..12]}";

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex GameIdPattern();

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex UnsafeCharacters();
}
