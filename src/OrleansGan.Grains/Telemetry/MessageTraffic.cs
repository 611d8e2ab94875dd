using System.Collections.Concurrent;

namespace OrleansGan.Grains.Telemetry;

/// <summary>
/// Message tallies by game, player, kind and direction. A tally idle for <see cref="GameInstruments.Retention"/> is
/// dropped, and at most <see cref="GameInstruments.MaxTrafficGames"/> games (the most recently active) are kept.
/// </summary>
internal sealed class MessageTraffic(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Game, string Player, string Kind, string Direction), MessageTally> _tallies = new();

    public void Add(string gameId, string player, string kind, string direction, long bytes)
    {
        var tally = _tallies.GetOrAdd((gameId, player, kind, direction), key => new MessageTally(
        [
            new(TagNames.GameId, key.Game), new(TagNames.Player, key.Player), new(TagNames.Kind, key.Kind),
            new(TagNames.Direction, key.Direction),
        ]));
        tally.Add(bytes, time.GetTimestamp());
    }

    /// <summary>The tallies to report now.</summary>
    public ICollection<MessageTally> Current()
    {
        var now = time.GetTimestamp();
        var games = _tallies
            .GroupBy(t => t.Key.Game)
            .Select(g => (Tallies: g.ToArray(), LastSeen: g.Max(t => t.Value.LastSeen)))
            .OrderByDescending(g => g.LastSeen)
            .ToArray();
        for (var i = 0; i < games.Length; i++)
        {
            foreach (var tally in games[i].Tallies)
            {
                if (i >= GameInstruments.MaxTrafficGames || time.GetElapsedTime(tally.Value.LastSeen, now) > GameInstruments.Retention)
                {
                    _tallies.TryRemove(tally);
                }
            }
        }

        return _tallies.Values;
    }
}
