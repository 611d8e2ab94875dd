namespace OrleansGan.Core.Diagnostics;

/// <summary>Where a long computation reports its stages and the work done in each (a diagnosis pushes them to its client).</summary>
public interface IStageProgress
{
    /// <summary>Runs <paramref name="work"/> as the stage <paramref name="stage"/> of at most <paramref name="total"/> units (0: unknown); it reports units done through the action it is given.</summary>
    Task<T> StageAsync<T>(string stage, int total, Func<Action<int>, Task<T>> work);
}

/// <summary>Progress that goes nowhere.</summary>
public sealed class NoStageProgress : IStageProgress
{
    /// <summary>The one instance.</summary>
    public static NoStageProgress Instance { get; } = new();

    /// <inheritdoc />
    public Task<T> StageAsync<T>(string stage, int total, Func<Action<int>, Task<T>> work) => work(_ => { });
}
