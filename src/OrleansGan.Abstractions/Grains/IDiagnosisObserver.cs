using OrleansGan.Abstractions.Diagnostics;

namespace OrleansGan.Abstractions.Grains;

/// <summary>Receives a diagnosis's progress as it happens (a client's object reference): progress is pushed, not polled.</summary>
public interface IDiagnosisObserver : IGrainObserver
{
    /// <summary>The diagnosis moved on.</summary>
    Task OnProgressAsync(DiagnosisProgress progress);
}
