using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Core.Players;
using static TorchSharp.torch;

namespace OrleansGan.Grains.Players;

/// <summary>
/// The hosting both player grains share: a seat that holds one Core player, the error a lost seat raises, the state a
/// checkpoint saves, where the player lives, and disposal at deactivation. Every move runs inside one dispose scope
/// (<see cref="Move{T}"/>) and never awaits inside it, since TorchSharp scopes are per thread and a turn may resume on
/// another thread after an await.
/// </summary>
/// <typeparam name="TPlayer">The Core player this grain hosts.</typeparam>
public abstract class PlayerGrain<TPlayer>(ILocalSiloDetails silo, PlayerRole role) : Grain, IPlayerGrain
    where TPlayer : class, IPlayer
{
    private TPlayer? _player;

    /// <summary>The seated player; a fresh activation (its silo died) has none and says so.</summary>
    protected TPlayer Player => _player ?? throw new PlayerLostException(
        $"{role.Name()} {this.GetPrimaryKeyString()} has not joined a game (a new activation on silo {silo.Name}: its seat was lost)");

    /// <inheritdoc />
    public Task SaveAnchorAsync()
    {
        Player.SaveAnchor();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PlayerState> SaveStateAsync() => Task.FromResult(new PlayerState(Player.SaveState()));

    /// <inheritdoc />
    public Task RestoreStateAsync(PlayerState state)
    {
        Player.RestoreState(state.Data);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PlayerLocation> GetLocationAsync() =>
        Task.FromResult(new PlayerLocation(role, silo.Name, silo.SiloAddress.ToParsableString(), Player.SpecifiedDevice));

    /// <inheritdoc />
    public Task<ParameterSnapshot> GetParametersAsync() => Task.FromResult(Player.Snapshot());

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        LeaveSeat();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>Gives up the seat: the player is disposed, and a later move says the seat was lost.</summary>
    protected virtual void LeaveSeat()
    {
        _player?.Dispose();
        _player = null;
    }

    /// <summary>Takes the seat with a newly built player, replacing (and disposing) any previous one.</summary>
    protected Task Join(Func<TPlayer> build)
    {
        var player = build();
        _player?.Dispose();
        _player = player;
        return Task.CompletedTask;
    }

    /// <summary>Runs one move inside its own dispose scope; what it returns must hold no tensors (messages are bytes).</summary>
    protected static Task<T> Move<T>(Func<T> move)
    {
        using var scope = NewDisposeScope();
        return Task.FromResult(move());
    }

    /// <summary>Runs one move that answers nothing inside its own dispose scope.</summary>
    protected static Task Move(Action move)
    {
        using var scope = NewDisposeScope();
        move();
        return Task.CompletedTask;
    }
}
