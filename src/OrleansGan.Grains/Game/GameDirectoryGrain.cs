using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;

namespace OrleansGan.Grains.Game;

/// <summary>
/// Keeps the list in memory: if its silo dies the list starts over and refills as games report again (each game grain
/// reports on start, resume, recovery and end). Bounded to the latest 10,000 games.
/// </summary>
public sealed class GameDirectoryGrain : Grain, IGameDirectoryGrain
{
    private const int MaxGames = 10_000;
    private readonly Dictionary<string, GameEntry> _games = [];

    /// <inheritdoc />
    public Task NoteAsync(string gameId, GameState state)
    {
        _games[gameId] = new GameEntry(gameId, state, DateTimeOffset.UtcNow);
        if (_games.Count > MaxGames)
        {
            foreach (var old in _games.Values.OrderBy(g => g.Since).Take(_games.Count - MaxGames).ToList())
            {
                _games.Remove(old.GameId);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<GameEntry>> ListAsync() =>
        Task.FromResult<IReadOnlyList<GameEntry>>(_games.Values.OrderByDescending(g => g.Since).ToList());
}
