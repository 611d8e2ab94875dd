using Orleans.Concurrency;
using OrleansGan.Abstractions.Game;

namespace OrleansGan.Abstractions.Grains;

/// <summary>Someone following a game: the game pushes its progress here as it plays (see <see cref="Watching.GameWatch"/>).</summary>
public interface IGameObserver : IGrainObserver
{
    /// <summary>
    /// The game's progress since the last push: its state and totals, the rounds played since (numbered), and the
    /// evaluations taken since (the last <c>NewEvaluations.Count</c> of <see cref="GameStatus.EvaluationsCompleted"/>).
    /// One-way: a slow or vanished watcher never holds the game up; a lost push shows as a gap the watcher fills.
    /// </summary>
    [OneWay]
    Task OnProgressAsync(GameStatus progress);
}
