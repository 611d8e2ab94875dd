using System.Diagnostics;
using System.Globalization;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Randomness;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Spectra;
using OrleansGan.Grains.Diagnostics;

namespace OrleansGan.Benchmarks;

/// <summary>
/// The speed goals of the equilibrium diagnostics on the default ring game (3x128 players, ~67k parameters): the 20
/// largest-magnitude eigenvalues of J on a 1,024-sample diagnostic batch (float64 and float32 products, side by side,
/// alternating), and the duality gap with two copies of 500 steps each. The point is the default game after
/// --rounds rounds (played here first), so the spectrum is that of a trained game, not of the initialisation.
/// </summary>
internal static class DiagnosticsBenchmark
{
    public static async Task RunAsync(IClusterClient client, Dictionary<string, string> options)
    {
        var rounds = options.Int("rounds", 500);
        var reps = options.Int("reps", 3);
        var k = options.Int("eigenvalues", 20);
        var steps = options.Int("steps", 500);
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "diagnostics-bench", ["rounds"] = rounds.ToString(CultureInfo.InvariantCulture),
            ["checkpoint.every"] = rounds.ToString(CultureInfo.InvariantCulture), ["evaluation.every"] = rounds.ToString(CultureInfo.InvariantCulture),
        });
        var id = $"diagnostics-bench-{Guid.NewGuid():N}";
        var (seconds, _, status) = await GameTiming.GrainsAsync(client, spec, id);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# the default game ({spec.Protocol}, {spec.Loss}, batch {spec.BatchSize}), {status.RoundsCompleted} rounds in {seconds:F0} s"));
        var store = new FileCheckpointStore(Path.Combine(Environment.CurrentDirectory, "checkpoints"));
        var checkpoint = GameCheckpointFormat.Read((await store.LoadAsync(id))!, store.Describe(id));

        var copies = new PlayerCopies(client);
        var batch = new DiagnosticBatch(1024, 8, PlayerSeeds.DiagnosticLatent(spec.Seed), PlayerSeeds.DiagnosticReal(spec.Seed));
        var times = new Dictionary<string, List<double>> { ["float64"] = [], ["float32"] = [], ["gap"] = [] };
        var products = new Dictionary<string, List<int>> { ["float64"] = [], ["float32"] = [] };
        long parameters = 0;
        for (var rep = 0; rep < reps; rep++)
        {
            foreach (var precision in new[] { TensorPrecision.Float64, TensorPrecision.Float32 })
            {
                var key = $"{id}/bench-{rep}-{precision}";
                var pair = await copies.SeatAsync(key, spec);
                await pair.Generator.RestoreStateAsync(new PlayerState(checkpoint.Generator));
                await pair.Discriminator.RestoreStateAsync(new PlayerState(checkpoint.Discriminator));
                var request = new EigenRequest(k, EigenvalueSelection.LargestMagnitude, Tolerance: precision == TensorPrecision.Float64 ? 1e-6 : 1e-4, Seed: (ulong)rep + 1);
                var clock = Stopwatch.StartNew();
                var game = await ProbedGame.OpenAsync(pair.Generator, pair.Discriminator, new ProbeSetup(batch, 0, precision), request.SlotsFor(long.MaxValue));
                await game.FieldAsync(game.FieldSlot);
                var found = await ImplicitlyRestartedArnoldi.SolveAsync(new PlayerKrylovSpace(game, ProbeProductKind.Jacobian), request, SpectralOperator.GameJacobian);
                var name = precision == TensorPrecision.Float64 ? "float64" : "float32";
                times[name].Add(clock.Elapsed.TotalSeconds);
                products[name].Add(found.Products);
                parameters = game.GeneratorSize + game.DiscriminatorSize;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"#   rep {rep + 1} {name}: {clock.Elapsed.TotalSeconds:F1} s, {found.Products} products, {found.Restarts} restarts, converged {found.Converged}, "
                    + $"|lambda| {found.Eigenvalues[0].Magnitude:G5} .. {found.Eigenvalues[^1].Magnitude:G5}, worst residual {found.Eigenvalues.Max(e => e.Residual):E1}"));
                await game.CloseAsync();
                await copies.ReleaseAsync(key, pair);
            }

            var gapClock = Stopwatch.StartNew();
            var (gap, _) = await new DualityGapEstimator(copies).EstimateAsync($"{id}/gap-{rep}", spec, checkpoint.Round,
                new PlayerState(checkpoint.Generator), new PlayerState(checkpoint.Discriminator), new DualityGapSpec(steps, 50, 0), _ => { }, CancellationToken.None);
            times["gap"].Add(gapClock.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#   rep {rep + 1} duality gap: {gapClock.Elapsed.TotalSeconds:F1} s, DG = {gap.Gap:G4}"));
        }

        Console.WriteLine($"| what ({parameters} parameters, diagnostic batch 1024) | median s | min s | max s | products (median) | goal |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var name in new[] { "float64", "float32" })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {k} largest-modulus eigenvalues of J, {name} products | {times[name].Median():F1} | {times[name].Min():F1} | {times[name].Max():F1} | {products[name].Select(p => (double)p).Median():F0} | < 120 s |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| duality gap, 2 copies x {steps} steps, 50 held-out batches scored before and after | {times["gap"].Median():F1} | {times["gap"].Min():F1} | {times["gap"].Max():F1} | | < 60 s |"));
    }
}
