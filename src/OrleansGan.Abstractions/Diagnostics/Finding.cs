namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>One property of a point, with the numbers it rests on.</summary>
[GenerateSerializer, Immutable]
public sealed record Finding([property: Id(0)] Answer Answer, [property: Id(1)] string Evidence)
{
    /// <inheritdoc />
    public override string ToString() => $"{Answer.ToString().ToLowerInvariant()}: {Evidence}";
}
