using Microsoft.Extensions.Logging;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Grains.Game;
using OrleansGan.Grains.Protocols;

namespace OrleansGan.Grains.Diagnostics;

/// <summary>
/// A game's own diagnostics (spec section <c>diagnostics</c>): every <see cref="DiagnosticsSpec.Every"/> rounds, and
/// after the last, it keeps a snapshot of both players in the checkpoint store (so the point can be diagnosed again
/// later, or start a path-angle) and diagnoses it with a diagnosis grain; the path-angle runs from the previous
/// diagnosed point (the initialisation for the first), which the caller takes from the game's diagnosis log, so a
/// game continued by a new activation starts it where an undisturbed game does. The game waits for each diagnosis:
/// the copies work on the point as it was, and the game's numbers do not depend on whether it was diagnosed. A
/// diagnosis that fails is logged and skipped: the game plays on; one that lost a silo (its copies', or the diagnosis
/// grain's) fails the round instead, so the game goes back to its checkpoint, as for a lost player, and diagnoses the
/// round again: a silo's death loses no diagnosis.
/// </summary>
public sealed class GameDiagnostics(IGrainFactory grains, ICheckpointStore checkpoints, string gameId, GameSpec spec, ILogger logger)
{
    /// <summary>Whether round <paramref name="round"/> is diagnosed.</summary>
    public bool Due(int round) => Due(spec, round);

    /// <summary>The rounds of <paramref name="spec"/> whose snapshot a game keeps in its checkpoint store (those it diagnoses).</summary>
    public static IEnumerable<int> KeptRounds(GameSpec spec) => Enumerable.Range(1, Math.Max(0, spec.Rounds)).Where(r => Due(spec, r));

    private static bool Due(GameSpec spec, int round) => spec.Diagnostics is { Every: > 0 } d && (round % d.Every == 0 || round == spec.Rounds);

    /// <summary>
    /// Keeps and diagnoses the players' point after <paramref name="round"/>, the path-angle from the point diagnosed
    /// after <paramref name="previousRound"/> (0: the initialisation); null when the diagnosis failed.
    /// </summary>
    public async Task<Diagnosis?> DiagnoseAsync(PlayerPair players, int round, int previousRound, double elapsed)
    {
        // The snapshot is the game's: a player that cannot save its state is the game's failure, not the diagnosis's.
        var generator = await players.Generator.SaveStateAsync();
        var discriminator = await players.Discriminator.SaveStateAsync();
        try
        {
            await checkpoints.SaveAsync(SnapshotKeys.Of(gameId, round),
                GameCheckpointFormat.Write(new GameCheckpoint(spec, round, elapsed, 0, generator.Data, discriminator.Data)));
            var request = new DiagnosisRequest(gameId, round, previousRound, spec.Diagnostics);
            return await grains.GetGrain<IDiagnosisGrain>($"{gameId}/diagnosis-{round}").DiagnoseAsync(request, null);
        }
        catch (Exception e) when (e is not OperationCanceledException && !LostSilo(e))
        {
            logger.LogWarning(e, "Game {Game}: the diagnosis of round {Round} failed; the game plays on", gameId, round);
            return null;
        }
    }

    // A lost silo, not a diagnosis that outlasted the response timeout (a large game's may): that one is skipped.
    private static bool LostSilo(Exception e) => e is not TimeoutException && RecoveryPolicy.IsPlayerLoss(e);
}
