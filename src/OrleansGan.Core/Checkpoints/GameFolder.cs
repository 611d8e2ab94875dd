using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansGan.Core.Checkpoints;

/// <summary>The folder under a store's root that holds one game's files (its checkpoint and its record logs).</summary>
public static partial class GameFolder
{
    /// <summary>root/&lt;game id&gt;, or for an id that is not a safe file name its safe characters plus a hash.</summary>
    public static string Of(string root, string gameId)
    {
        // Ids that are not safe file names ("theory-alternating(1,1)") keep their safe characters plus a hash, so two
        // ids never share a folder and none can climb out of the root.
        var folder = GameIdPattern().IsMatch(gameId)
            ? gameId
            : $"{UnsafeCharacters().Replace(gameId, "_")}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(gameId)))[..12]}";
        return Path.Combine(root, folder);
    }

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex GameIdPattern();

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex UnsafeCharacters();
}
