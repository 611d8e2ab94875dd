using OrleansGan.Abstractions.Messages;

namespace OrleansGan.Abstractions.Grains;

/// <summary>What both players of a game answer, whatever their role: their state, their place and their parameters.</summary>
public interface IPlayerGrain : IGrainWithStringKey
{
    /// <summary>Saves the current parameters as the anchor a later <see cref="Players.UpdateRule.FromAnchor"/> step starts from.</summary>
    Task SaveAnchorAsync();

    /// <summary>The player's whole state, to checkpoint.</summary>
    Task<PlayerState> SaveStateAsync();

    /// <summary>Continues from a saved state (after joining with the same setup); a damaged state changes nothing.</summary>
    Task RestoreStateAsync(PlayerState state);

    /// <summary>The silo this player lives on and the device it computes on.</summary>
    Task<Game.PlayerLocation> GetLocationAsync();

    /// <summary>The current parameters.</summary>
    Task<ParameterSnapshot> GetParametersAsync();
}
