using Microsoft.Extensions.Logging;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Grains.Protocols;

namespace OrleansGan.Grains.Diagnostics;

/// <summary>
/// A game's own diagnostics (spec section <c>diagnostics</c>): every <see cref="DiagnosticsSpec.Every"/> rounds, and
/// after the last, it keeps a snapshot of both players in the checkpoint store (so the point can be diagnosed again
/// later, or start a path-angle) and diagnoses it with a diagnosis grain; the path-angle runs from the previous
/// diagnosed point (the initialisation for the first). The game waits for each diagnosis: the copies work on the
/// point as it was, and the game's numbers do not depend on whether it was diagnosed. A diagnosis that fails is
/// logged and skipped: the game plays on.
/// </summary>
public sealed class GameDiagnostics(IGrainFactory grains, ICheckpointStore checkpoints, string gameId, GameSpec spec, ILogger logger)
{
    private readonly List<Diagnosis> _diagnoses = [];
    private int _previous;

    /// <summary>The diagnoses so far, oldest first.</summary>
    public IReadOnlyList<Diagnosis> All => _diagnoses;

    /// <summary>Whether round <paramref name="round"/> is diagnosed.</summary>
    public bool Due(int round) => Due(spec, round);

    /// <summary>The rounds of <paramref name="spec"/> whose snapshot a game keeps in its checkpoint store (those it diagnoses).</summary>
    public static IEnumerable<int> KeptRounds(GameSpec spec) => Enumerable.Range(1, Math.Max(0, spec.Rounds)).Where(r => Due(spec, r));

    private static bool Due(GameSpec spec, int round) => spec.Diagnostics is { Every: > 0 } d && (round % d.Every == 0 || round == spec.Rounds);

    /// <summary>Keeps and diagnoses the players' point after <paramref name="round"/>; null when the diagnosis failed.</summary>
    public async Task<Diagnosis?> DiagnoseAsync(PlayerPair players, int round, double elapsed)
    {
        // The snapshot is the game's: a player that cannot save its state is the game's failure, not the diagnosis's.
        var generator = await players.Generator.SaveStateAsync();
        var discriminator = await players.Discriminator.SaveStateAsync();
        try
        {
            await checkpoints.SaveAsync(SnapshotKeys.Of(gameId, round),
                GameCheckpointFormat.Write(new GameCheckpoint(spec, round, elapsed, 0, generator.Data, discriminator.Data)));
            var request = new DiagnosisRequest(gameId, round, _previous, spec.Diagnostics);
            var diagnosis = await grains.GetGrain<IDiagnosisGrain>($"{gameId}/diagnosis-{round}").DiagnoseAsync(request, null);
            _previous = round;
            _diagnoses.Add(diagnosis);
            return diagnosis;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Game {Game}: the diagnosis of round {Round} failed; the game plays on", gameId, round);
            return null;
        }
    }

    /// <summary>Forgets the diagnoses after <paramref name="round"/> (a game that resumes or recovers plays them again).</summary>
    public void RewindTo(int round)
    {
        _diagnoses.RemoveAll(d => d.Round > round);
        _previous = _diagnoses.Count > 0 ? _diagnoses[^1].Round : 0;
    }
}
