namespace OrleansGan.Grains.Game;

/// <summary>
/// How hard a game's activation tries to get one report through to the game directory before it leaves the report to
/// its reminder (which tries again every minute, from whatever silo it wakes the game on, until the directory has it).
/// </summary>
public sealed class DirectoryReportOptions
{
    /// <summary>Attempts at one report from the activation.</summary>
    public int Attempts { get; set; } = 7;

    /// <summary>The wait after the first failed attempt; each later wait doubles, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long starting or resuming a game waits for its first report before it returns anyway. The starter expects
    /// the game listed when the call returns (run announces the live page then), but a directory on a silo that is
    /// partitioned rather than dead answers only when Orleans' response timeout (30 s) breaks the call, and by then
    /// the starter's own call to the game would have timed out too.
    /// </summary>
    public TimeSpan StartWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
