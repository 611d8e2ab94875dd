namespace OrleansGan.Client.Sweeps;

/// <summary>Where one game of a sweep stands, by its run folder.</summary>
internal enum GameResult
{
    NotStarted,
    Interrupted,
    Failed,
    Finished,
    Diverged,
}
