using System.Collections.Concurrent;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Live;

/// <summary>
/// The records of the games the live pages show, paged from each game grain once and then only what is new (a page
/// redrawn every few rounds must not page a long game from round 1 each time). One entry per game viewed, kept for
/// the life of the process.
/// </summary>
internal sealed class LiveRecords : IDisposable
{
    private static readonly ConcurrentDictionary<string, LiveRecords> Games = new();

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly List<RoundRecord> _rounds = [];
    private readonly List<EvaluationRecord> _evaluations = [];
    private GameSpec? _spec;
    private float[]? _realSample;

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    /// <summary>The game's spec, every round record and evaluation so far, and its held-out real sample (2-D mixtures).</summary>
    public static async Task<(GameSpec? Spec, RoundRecord[] Rounds, EvaluationRecord[] Evaluations, float[] RealSample)> ReadAsync(string id, IGameGrain game)
    {
        var entry = Games.GetOrAdd(id, _ => new LiveRecords());
        await entry._lock.WaitAsync();
        try
        {
            entry._spec ??= await game.GetSpecAsync();
            while (true)
            {
                var page = await game.GetStatusAsync(entry._rounds.Count, entry._evaluations.Count);
                if (page.RoundsCompleted < entry._rounds.Count || page.EvaluationsCompleted < entry._evaluations.Count)
                {
                    // The game went back to a checkpoint: what we hold past it will be played again.
                    entry._rounds.RemoveRange(page.RoundsCompleted, entry._rounds.Count - page.RoundsCompleted);
                    entry._evaluations.RemoveRange(page.EvaluationsCompleted, entry._evaluations.Count - page.EvaluationsCompleted);
                    continue;
                }

                if (page.NewRounds.Count == 0 && page.NewEvaluations.Count == 0)
                {
                    break;
                }

                entry._rounds.AddRange(page.NewRounds);
                entry._evaluations.AddRange(page.NewEvaluations);
            }

            entry._realSample ??= entry._spec is null ? null : Pictures.RealSample(entry._spec);
            return (entry._spec, [.. entry._rounds], [.. entry._evaluations], entry._realSample ?? []);
        }
        finally
        {
            entry._lock.Release();
        }
    }
}
