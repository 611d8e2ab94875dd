namespace OrleansGan.Abstractions.Watching;

/// <summary>How a <see cref="GameWatch"/> follows its game.</summary>
/// <param name="RoundCursor">Rounds the watcher has already seen (records after it are delivered).</param>
/// <param name="EvaluationCursor">Evaluations the watcher has already seen.</param>
public sealed record WatchOptions(int RoundCursor = 0, int EvaluationCursor = 0)
{
    /// <summary>How often the watch renews its lease at the game; also how soon it notices a game that went quiet (well under <see cref="GameWatch.Lease"/>).</summary>
    public TimeSpan Renewal { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How soon the watch tries again after a failed call.</summary>
    public TimeSpan Retry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the watch keeps trying to reach its game before it gives up.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromMinutes(3);
}
