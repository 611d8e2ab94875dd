using System.Collections.Concurrent;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Grains;

namespace OrleansGan.Client.Hosting;

/// <summary>Receives a diagnosis's progress from the silo (a grain observer) and keeps the latest of each stage for the view.</summary>
internal sealed class DiagnosisProgressObserver : IDiagnosisObserver
{
    private readonly ConcurrentDictionary<string, DiagnosisProgress> _stages = new();
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>The stages seen so far, in the order they started, each with its latest progress.</summary>
    public IReadOnlyList<DiagnosisProgress> Stages => _order.Select(s => _stages[s]).ToList();

    /// <inheritdoc />
    public Task OnProgressAsync(DiagnosisProgress progress)
    {
        if (_stages.TryAdd(progress.Stage, progress))
        {
            _order.Enqueue(progress.Stage);
        }
        else
        {
            _stages.AddOrUpdate(progress.Stage, progress, (_, old) => progress.Done >= old.Done || progress.Total > 0 ? progress : old);
        }

        return Task.CompletedTask;
    }
}
