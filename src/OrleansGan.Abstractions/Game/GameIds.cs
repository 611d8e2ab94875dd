namespace OrleansGan.Abstractions.Game;

/// <summary>What a game id may be: it keys grains and names checkpoint folders, so it is a word of printable characters.</summary>
public static class GameIds
{
    private const int MaxLength = 200;

    /// <summary>Refuses an id that cannot be a game's, naming <paramref name="source"/> (a flag or a file).</summary>
    /// <exception cref="ArgumentException">The id is empty, too long, or holds spaces or control characters.</exception>
    public static void Check(string id, string source)
    {
        if (id.Length == 0)
        {
            throw new ArgumentException($"{source}: the game id is empty");
        }

        if (id.Length > MaxLength || id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            var shown = id.Length > 40 ? id[..40] + "..." : id;
            throw new ArgumentException($"{source}: '{new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray())}' is not a game id (at most {MaxLength} characters, no spaces or control characters)");
        }
    }
}
