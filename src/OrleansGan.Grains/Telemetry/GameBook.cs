using System.Collections.Concurrent;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Grains.Telemetry;

/// <summary>
/// The games whose series a scrape shows: every running game, and the <see cref="GameInstruments.MaxEndedGames"/> most
/// recently ended ones for <see cref="GameInstruments.Retention"/> after they ended. This bounds the game_id label.
/// </summary>
internal sealed class GameBook(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, GameSeries> _games = new();

    /// <summary>Opens a game's page, replacing an earlier game with the same id.</summary>
    public GameSeries Open(string gameId, GameSpec spec, IReadOnlyList<PlayerLocation>? locations)
    {
        var series = new GameSeries(gameId, spec, locations);
        _games[gameId] = series;
        Prune();
        return series;
    }

    /// <summary>Marks a game ended; its page stays for the retention.</summary>
    public void Close(GameSeries game, GameState state)
    {
        game.Ended(state, time.GetUtcNow());
        Prune();
    }

    /// <summary>The games to report now.</summary>
    public ICollection<GameSeries> Current()
    {
        Prune();
        return _games.Values;
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        var ended = _games.Values.Select(s => (Series: s, s.EndedAt)).Where(e => e.EndedAt is not null)
            .OrderByDescending(e => e.EndedAt).ToArray();
        for (var i = 0; i < ended.Length; i++)
        {
            if (i >= GameInstruments.MaxEndedGames || now - ended[i].EndedAt > GameInstruments.Retention)
            {
                // Only this very series: a new game may have taken the id meanwhile.
                _games.TryRemove(KeyValuePair.Create(ended[i].Series.GameId, ended[i].Series));
            }
        }
    }
}
