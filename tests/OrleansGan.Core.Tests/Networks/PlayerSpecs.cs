using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;

namespace OrleansGan.Core.Tests.Networks;

/// <summary>The default game, for building small MLP players.</summary>
internal static class PlayerSpecs
{
    public static readonly GameSpec Defaults = GameSpecLoader.Load(null);
}

/// <summary>Compares doubles to within an absolute tolerance.</summary>
internal sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(double obj) => 0;
}
