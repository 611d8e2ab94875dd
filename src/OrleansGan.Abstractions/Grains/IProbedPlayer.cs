using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Messages;

namespace OrleansGan.Abstractions.Grains;

/// <summary>
/// What both players do for the equilibrium diagnostics of the point they hold: keep their own block of every Krylov
/// vector ("slots") and combine those blocks on request. Vectors never leave a player; inner products and small
/// coefficient matrices do. A player seated only for diagnostics leaves when they are done.
/// </summary>
public interface IProbedPlayer : IGrainWithStringKey
{
    /// <summary>Copies the network into the setup's precision, draws the fixed sample, makes room for the slots; returns the parameter count.</summary>
    Task<long> OpenProbeAsync(ProbeSetup setup);

    /// <summary>Drops the probe and its slots.</summary>
    Task CloseProbeAsync();

    /// <summary>Fills a slot with N(0, 1) entries drawn from <paramref name="seed"/>.</summary>
    Task RandomizeSlotAsync(int slot, ulong seed);

    /// <summary>Sets a slot to e_<paramref name="index"/> of this player's block (zero when the index is outside it, e.g. -1).</summary>
    Task UnitSlotAsync(int slot, long index);

    /// <summary>This player's share of the inner products &lt;slot[rows[i]], slot[columns[j]]&gt;, row-major.</summary>
    Task<double[]> GramAsync(int[] rows, int[] columns);

    /// <summary>Rewrites slots as combinations of slots.</summary>
    Task CombineSlotsAsync(SlotCombination combination);

    /// <summary>A slot's entries (small players and tests only).</summary>
    Task<TensorBytes> ReadSlotAsync(int slot);

    /// <summary>Writes the probe's current parameters into a slot.</summary>
    Task ReadParametersAsync(int slot);

    /// <summary>Writes the parameters of a saved state (another round of the same player) into a slot.</summary>
    Task ReadStateParametersAsync(PlayerState state, int slot);

    /// <summary>Moves the probe's parameters to those in a slot.</summary>
    Task MoveProbeAsync(int slot);

    /// <summary>Starts from the weights of a saved state plus Gaussian noise of std <paramref name="perturbation"/>, keeping this seat's own optimizer and stream.</summary>
    Task RestoreWeightsAsync(PlayerState state, double perturbation, ulong seed);

    /// <summary>Gives up the seat: the player and any probe are dropped and the activation goes (copies seated for diagnostics).</summary>
    Task LeaveAsync();
}
