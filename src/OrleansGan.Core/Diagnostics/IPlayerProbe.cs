using OrleansGan.Core.Networks;

namespace OrleansGan.Core.Diagnostics;

/// <summary>What the two players' probes have in common: a block of every Krylov vector, and a point to read and move.</summary>
public interface IPlayerProbe : IDisposable
{
    /// <summary>The player's block of every vector.</summary>
    ParameterSlots Slots { get; }

    /// <summary>Writes the probe's parameters into a slot.</summary>
    void ReadParameters(int slot);

    /// <summary>Writes the parameters of another network of the same architecture into a slot.</summary>
    void ReadParameters(PlayerNetwork other, int slot);

    /// <summary>Moves the probe to the parameters in a slot.</summary>
    void MoveTo(int slot);
}
