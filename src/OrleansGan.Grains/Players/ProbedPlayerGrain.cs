using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Diagnostics;
using OrleansGan.Core.Networks;

namespace OrleansGan.Grains.Players;

/// <summary>
/// What both player grains do for the diagnostics (<see cref="Abstractions.Grains.IProbedPlayer"/>): hold the probe of
/// the point their player is at, answer the slot operations, and leave when they were only seated as a copy. The
/// players' own parts come from the four members a grain supplies.
/// </summary>
/// <typeparam name="TProbe">The probe of this player.</typeparam>
public abstract class ProbedPlayerGrain<TProbe> : Grain
    where TProbe : class, IPlayerProbe
{
    private TProbe? _probe;

    /// <summary>The open probe.</summary>
    protected TProbe Probe => _probe ?? throw new InvalidOperationException("no diagnostics probe is open on this player (OpenProbeAsync first)");

    /// <summary>Copies the player's point into a new probe.</summary>
    protected abstract TProbe OpenProbe(ProbeSetup setup);

    /// <summary>A network of the player's architecture holding the weights of a saved state.</summary>
    protected abstract PlayerNetwork NetworkOf(byte[] state);

    /// <summary>Starts the player from a saved state's weights plus noise, keeping its optimizer and stream.</summary>
    protected abstract void RestoreWeights(byte[] state, double perturbation, ulong seed);

    /// <summary>Drops the player (the seat is given up).</summary>
    protected abstract void DropPlayer();

    /// <inheritdoc cref="Abstractions.Grains.IProbedPlayer.OpenProbeAsync"/>
    public Task<long> OpenProbeAsync(ProbeSetup setup)
    {
        // No dispose scope here: the probe's network and tensors outlive this call.
        var probe = OpenProbe(setup);
        _probe?.Dispose();
        _probe = probe;
        return Task.FromResult(probe.Slots.Count);
    }

    /// <inheritdoc cref="Abstractions.Grains.IProbedPlayer.CloseProbeAsync"/>
    public Task CloseProbeAsync()
    {
        CloseProbe();
        return Task.CompletedTask;
    }

    /// <inheritdoc cref="Abstractions.Grains.IProbedPlayer.RandomizeSlotAsync"/>
    public Task RandomizeSlotAsync(int slot, ulong seed) => Done(() => Probe.Slots.Randomize(slot, seed));

    /// <inheritdoc cref="Abstractions.Grains.IProbedPlayer.UnitSlotAsync"/>
    public Task UnitSlotAsync(int slot, long index) => Done(() => Probe.Slots.Unit(slot, index));

    /// <inheritdoc cref="Abstractions.Grains.IProbedPlayer.GramAsync"/>
    public Task<double[]> GramAsync(int[] rows, int[] columns) => Task.FromResult(Probe.Slots.Gram(rows, columns));

    /// <inheritdoc cref="Abstractions.Grains.IProbedPlayer.CombineSlotsAsync"/>
    public Task CombineSlotsAsync(SlotCombination combination) =>
        Done(() => Probe.Slots.Combine(combination.Sources, combination.Coefficients, combination.Targets));

    /// <inheritdoc cref="Abstractions.Grains.IProbedPlayer.ReadSlotAsync"/>
    public Task<TensorBytes> ReadSlotAsync(int slot) => Task.FromResult(Probe.Slots.Read(slot));

    /// <inheritdoc cref="Abstractions.Grains.IProbedPlayer.ReadParametersAsync"/>
    public Task ReadParametersAsync(int slot) => Done(() => Probe.ReadParameters(slot));

    /// <inheritdoc cref="Abstractions.Grains.IProbedPlayer.ReadStateParametersAsync"/>
    public Task ReadStateParametersAsync(PlayerState state, int slot) => Done(() =>
    {
        using var network = NetworkOf(state.Data);
        Probe.ReadParameters(network, slot);
    });

    /// <inheritdoc cref="Abstractions.Grains.IProbedPlayer.MoveProbeAsync"/>
    public Task MoveProbeAsync(int slot) => Done(() =>
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        Probe.MoveTo(slot);
    });

    /// <inheritdoc cref="Abstractions.Grains.IProbedPlayer.RestoreWeightsAsync"/>
    public Task RestoreWeightsAsync(PlayerState state, double perturbation, ulong seed) => Done(() => RestoreWeights(state.Data, perturbation, seed));

    /// <inheritdoc cref="Abstractions.Grains.IProbedPlayer.LeaveAsync"/>
    public Task LeaveAsync()
    {
        CloseProbe();
        DropPlayer();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>Drops the probe (the grain's deactivation, or the diagnostics are done).</summary>
    protected void CloseProbe()
    {
        _probe?.Dispose();
        _probe = null;
    }

    private static Task Done(Action action)
    {
        action();
        return Task.CompletedTask;
    }
}
