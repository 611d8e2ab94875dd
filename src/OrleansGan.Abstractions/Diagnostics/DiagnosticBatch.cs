namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>
/// The fixed sample every diagnostic of one point is evaluated on, so results are reproducible: <see cref="Size"/>
/// latent vectors drawn from <see cref="LatentSeed"/> and as many real samples drawn from <see cref="RealSeed"/>. The
/// field v, its Jacobian and the Hessians are those of the costs on this sample. It is also cut into
/// <see cref="Chunks"/> equal chunks whose fields measure the field's sampling noise (the stationarity test).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DiagnosticBatch(
    [property: Id(0)] int Size,
    [property: Id(1)] int Chunks,
    [property: Id(2)] ulong LatentSeed,
    [property: Id(3)] ulong RealSeed)
{
    /// <summary>Samples per chunk.</summary>
    public int ChunkSize => Size / Chunks;

    /// <summary>Throws unless the batch can be cut into its chunks (and each chunk into packs of <paramref name="pack"/>).</summary>
    public void Validate(int pack = 1)
    {
        if (Size < 1 || Chunks < 1 || Size % Chunks != 0 || ChunkSize % Math.Max(1, pack) != 0)
        {
            throw new ArgumentException(
                $"a diagnostic batch of {Size} samples cannot be cut into {Chunks} equal chunks of whole packs of {pack}");
        }
    }
}
