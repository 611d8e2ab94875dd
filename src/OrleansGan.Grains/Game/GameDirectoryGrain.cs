using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Grains.Hosting;

namespace OrleansGan.Grains.Game;

/// <summary>
/// The cluster's list of games, kept in grain storage: if its silo dies, the next activation reads the list back.
/// Games report on start, resume, recovery and end (a few writes per game). Bounded to the latest 10,000 games.
/// </summary>
public sealed class GameDirectoryGrain([PersistentState("directory", GameStorage.Name)] IPersistentState<GameDirectoryState> games)
    : Grain, IGameDirectoryGrain
{
    private const int MaxGames = 10_000;

    /// <inheritdoc />
    public async Task NoteAsync(string gameId, GameState state)
    {
        var book = games.State.Games;
        book[gameId] = new GameEntry(gameId, state, DateTimeOffset.UtcNow);
        if (book.Count > MaxGames)
        {
            foreach (var old in book.Values.OrderBy(g => g.Since).Take(book.Count - MaxGames).ToList())
            {
                book.Remove(old.GameId);
            }
        }

        await games.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<bool> ForgetAsync(string gameId)
    {
        if (!games.State.Games.Remove(gameId))
        {
            return false;
        }

        await games.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<GameEntry>> ListAsync() =>
        Task.FromResult<IReadOnlyList<GameEntry>>(games.State.Games.Values.OrderByDescending(g => g.Since).ToList());
}
