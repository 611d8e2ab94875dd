using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Core.Diagnostics;
using OrleansGan.Core.Players;

namespace OrleansGan.Grains.Players;

/// <summary>
/// A player grain the equilibrium diagnostics can probe (<see cref="IProbedPlayer"/>): on top of the seat
/// (<see cref="PlayerGrain{TPlayer}"/>) it holds the probe of the point its player is at, answers the slot operations,
/// and leaves when it was only seated as a copy. What is the player's own (its probe, another round's weights, a
/// perturbed start) comes from the Core player (<see cref="IProbeablePlayer{TProbe}"/>).
/// </summary>
/// <typeparam name="TPlayer">The Core player this grain hosts.</typeparam>
/// <typeparam name="TProbe">Its probe.</typeparam>
public abstract class ProbedPlayerGrain<TPlayer, TProbe>(ILocalSiloDetails silo, PlayerRole role) : PlayerGrain<TPlayer>(silo, role), IProbedPlayer
    where TPlayer : class, IProbeablePlayer<TProbe>
    where TProbe : class, IPlayerProbe
{
    private TProbe? _probe;

    /// <summary>The open probe.</summary>
    protected TProbe Probe => _probe ?? throw new InvalidOperationException("no diagnostics probe is open on this player (OpenProbeAsync first)");

    /// <inheritdoc />
    public Task<long> OpenProbeAsync(ProbeSetup setup)
    {
        // No dispose scope here: the probe's network and tensors outlive this call.
        var probe = Player.OpenProbe(setup);
        _probe?.Dispose();
        _probe = probe;
        return Task.FromResult(probe.Slots.Count);
    }

    /// <inheritdoc />
    public Task CloseProbeAsync()
    {
        CloseProbe();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RandomizeSlotAsync(int slot, ulong seed) => Move(() => Probe.Slots.Randomize(slot, seed));

    /// <inheritdoc />
    public Task UnitSlotAsync(int slot, long index) => Move(() => Probe.Slots.Unit(slot, index));

    /// <inheritdoc />
    public Task<double[]> GramAsync(int[] rows, int[] columns) => Move(() => Probe.Slots.Gram(rows, columns));

    /// <inheritdoc />
    public Task CombineSlotsAsync(SlotCombination combination) =>
        Move(() => Probe.Slots.Combine(combination.Sources, combination.Coefficients, combination.Targets));

    /// <inheritdoc />
    public Task<TensorBytes> ReadSlotAsync(int slot) => Move(() => Probe.Slots.Read(slot));

    /// <inheritdoc />
    public Task ReadParametersAsync(int slot) => Move(() => Probe.ReadParameters(slot));

    /// <inheritdoc />
    public Task ReadStateParametersAsync(PlayerState state, int slot) => Move(() =>
    {
        using var network = Player.NetworkOf(state.Data);
        Probe.ReadParameters(network, slot);
    });

    /// <inheritdoc />
    public Task MoveProbeAsync(int slot) => Move(() => Probe.MoveTo(slot));

    /// <inheritdoc />
    public Task RestoreWeightsAsync(PlayerState state, double perturbation, ulong seed)
    {
        // No dispose scope, as for RestoreStateAsync: the weights are loaded into the network the player keeps.
        Player.RestoreWeights(state.Data, perturbation, seed);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task LeaveAsync()
    {
        LeaveSeat();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override void LeaveSeat()
    {
        CloseProbe();
        base.LeaveSeat();
    }

    private void CloseProbe()
    {
        _probe?.Dispose();
        _probe = null;
    }
}
