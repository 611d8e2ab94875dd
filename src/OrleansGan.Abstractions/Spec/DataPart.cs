namespace OrleansGan.Abstractions.Spec;

/// <summary>
/// One part of a finite data set: the samples whose index i has i mod <see cref="Count"/> = <see cref="Index"/>. The
/// duality gap's worst-case discriminator trains on one part and is scored on another (Grnarova et al. 2019). The
/// synthetic mixtures have no finite set: every draw is a fresh sample, so any part is the whole distribution.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DataPart([property: Id(0)] int Index, [property: Id(1)] int Count)
{
    /// <summary>Throws unless 0 &lt;= Index &lt; Count.</summary>
    public void Validate()
    {
        if (Count < 1 || Index < 0 || Index >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(Index), $"data part {Index} of {Count} does not exist");
        }
    }
}
