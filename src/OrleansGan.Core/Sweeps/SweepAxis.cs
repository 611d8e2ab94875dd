namespace OrleansGan.Core.Sweeps;

/// <summary>
/// One thing a sweep varies. A path axis is named after the spec field it sets (<c>loss</c>, <c>seed</c>,
/// <c>generator.optimizer.learningRate</c>); a named axis (<c>stabilizer</c>) has levels that each set several fields.
/// </summary>
/// <param name="Name">The axis as the sweep file names it; a column of results.csv.</param>
/// <param name="Levels">Its values, in the file's order.</param>
/// <param name="IsPath">True when <paramref name="Name"/> is the spec field each level sets.</param>
public sealed record SweepAxis(string Name, IReadOnlyList<SweepLevel> Levels, bool IsPath)
{
    /// <summary>The axis over which summaries take medians and draw bands: the games' seeds.</summary>
    public const string SeedAxis = "seed";

    /// <summary>True for the seed axis.</summary>
    public bool IsSeed => Name == SeedAxis;
}
