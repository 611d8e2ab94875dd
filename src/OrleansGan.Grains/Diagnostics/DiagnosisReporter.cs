using System.Diagnostics;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Core.Diagnostics;

namespace OrleansGan.Grains.Diagnostics;

/// <summary>
/// Pushes a diagnosis's progress to its observer: a stage's start and end always, what happens in between at most
/// every quarter second. A client that went away does not stop the diagnosis.
/// </summary>
internal sealed class DiagnosisReporter(IDiagnosisObserver? observer, int stages) : IStageProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<string, long> _lastPush = [];
    private int _stagesDone;

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> units in <paramref name="stage"/>; <paramref name="force"/> bypasses the throttle.</summary>
    public void Report(string stage, int done, int total = 0, bool force = false)
    {
        if (observer is null)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        lock (_lastPush)
        {
            if (!force && _lastPush.TryGetValue(stage, out var last) && Stopwatch.GetElapsedTime(last, now) < Interval)
            {
                return;
            }

            _lastPush[stage] = now;
        }

        var progress = new DiagnosisProgress(stage, done, total, Volatile.Read(ref _stagesDone), stages);
        _ = observer.OnProgressAsync(progress).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
    }

    /// <inheritdoc />
    public async Task<T> StageAsync<T>(string stage, int total, Func<Action<int>, Task<T>> work)
    {
        Report(stage, 0, total, force: true);
        var done = 0;
        var result = await work(d =>
        {
            done = d;
            Report(stage, d, total);
        });
        Interlocked.Increment(ref _stagesDone);
        Report(stage, total > 0 ? total : done, total > 0 ? total : done, force: true);
        return result;
    }
}
