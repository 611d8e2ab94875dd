using OrleansGan.Abstractions.Game;

namespace OrleansGan.Grains.Protocols;

/// <summary>
/// The order and form of the players' moves in one round. A protocol holds no tensors: it only passes messages
/// between the player grains, so a new protocol needs no change to the players beyond, at most, a new move.
/// </summary>
public interface IProtocol
{
    /// <summary>Plays round <paramref name="round"/> (1-based) and returns its figures.</summary>
    Task<RoundRecord> PlayRoundAsync(PlayerPair players, int round, int batchSize);
}
