using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Diagnostics;
using OrleansGan.Core.Networks;
using static TorchSharp.torch;

namespace OrleansGan.Grains.Players;

/// <summary>
/// The probe a player grain holds for the diagnostics, and the slot operations both players answer the same way.
/// Each operation runs in one dispose scope with no await inside.
/// </summary>
internal sealed class ProbeSeat<TProbe>
    where TProbe : class, IPlayerProbe
{
    private TProbe? _probe;

    /// <summary>The open probe.</summary>
    public TProbe Probe => _probe ?? throw new InvalidOperationException("no diagnostics probe is open on this player (OpenProbeAsync first)");

    /// <summary>Opens a probe (replacing any) and returns the player's parameter count.</summary>
    public long Open(Func<TProbe> open)
    {
        // No dispose scope here: the probe's network and tensors outlive this call.
        var probe = open();
        _probe?.Dispose();
        _probe = probe;
        return probe.Slots.Count;
    }

    public void Randomize(int slot, ulong seed) => Probe.Slots.Randomize(slot, seed);

    public void Unit(int slot, long index) => Probe.Slots.Unit(slot, index);

    public double[] Gram(int[] rows, int[] columns) => Probe.Slots.Gram(rows, columns);

    public void Combine(SlotCombination combination) => Probe.Slots.Combine(combination.Sources, combination.Coefficients, combination.Targets);

    public TensorBytes Read(int slot) => Probe.Slots.Read(slot);

    public void ReadParameters(int slot) => Probe.ReadParameters(slot);

    /// <summary>Writes the parameters of <paramref name="network"/> (built from a saved state) into a slot, then disposes it.</summary>
    public void ReadParameters(PlayerNetwork network, int slot)
    {
        using (network)
        {
            Probe.ReadParameters(network, slot);
        }
    }

    public void MoveTo(int slot)
    {
        using var scope = NewDisposeScope();
        Probe.MoveTo(slot);
    }

    /// <summary>Drops the probe (the grain's deactivation, or the diagnostics are done).</summary>
    public void Close()
    {
        _probe?.Dispose();
        _probe = null;
    }
}
