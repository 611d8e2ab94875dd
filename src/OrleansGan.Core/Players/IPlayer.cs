using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;

namespace OrleansGan.Core.Players;

/// <summary>What every player has, whatever its role: a seat on a device, a state to save and restore, parameters.</summary>
public interface IPlayer : IDisposable
{
    /// <summary>The player's role.</summary>
    PlayerRole Role { get; }

    /// <summary>The device the spec named (cpu, cpu:N, cuda:N), as the player's location reports it.</summary>
    string SpecifiedDevice { get; }

    /// <summary>Saves the current parameters as the anchor a later <see cref="UpdateRule.FromAnchor"/> step starts from.</summary>
    void SaveAnchor();

    /// <summary>Everything needed to continue exactly from here: weights, optimizer and rule state, random stream.</summary>
    byte[] SaveState();

    /// <summary>Continues from a state <see cref="SaveState"/> wrote; any move in progress is dropped.</summary>
    /// <exception cref="InvalidDataException">The state is not this player's or is damaged; nothing was changed.</exception>
    void RestoreState(byte[] state);

    /// <summary>The current parameters.</summary>
    ParameterSnapshot Snapshot();
}
