using OrleansGan.Abstractions.Diagnostics;

namespace OrleansGan.Abstractions.Grains;

/// <summary>
/// Diagnoses one point of a game: seats copies of its players from a checkpoint (placement decides where), and
/// computes the field, the spectra of J, H_G and H_D, the verdict, the path-angle and the duality gap. Key: any
/// unique id (one diagnosis per activation at a time).
/// </summary>
public interface IDiagnosisGrain : IGrainWithStringKey
{
    /// <summary>Runs the diagnosis, pushing progress to <paramref name="observer"/> when given; minutes for large players.</summary>
    [ResponseTimeout("1.00:00:00")]
    Task<Diagnosis> DiagnoseAsync(DiagnosisRequest request, IDiagnosisObserver? observer, CancellationToken cancel = default);
}
