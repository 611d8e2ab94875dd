using System.Diagnostics;
using System.Globalization;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Abstractions.Watching;
using OrleansGan.Core.Native;
using OrleansGan.Core.Reference;
using OrleansGan.Core.Sweeps;

namespace OrleansGan.Benchmarks;

/// <summary>
/// What playing a protocol on grains costs against the same protocol on the joint reference trainer (one process,
/// both players in one module, no Orleans): for every configuration of a sweep file (default
/// docs/sweeps/protocols.yaml, its first seed), the same game, shortened to <c>--rounds</c> timed rounds after
/// <c>--warm-up</c> rounds, once on an embedded silo (<c>protocol-game</c> mode) and once on the reference trainer
/// (<c>protocol-reference</c> mode), each a process of its own, repetitions interleaved in a rotating order. The
/// quality of the protocols is the sweep's business (`orleans-gan sweep --file docs/sweeps/protocols.yaml`); this is
/// only their speed. Both time rounds alone, at the silo's libtorch thread setting.
/// </summary>
internal static class ProtocolOverheadBenchmark
{
    /// <summary>The driver: no silo of its own; every figure comes from a child process.</summary>
    public static void Run(Dictionary<string, string> options)
    {
        var file = SweepFile(options);
        var rounds = options.Int("rounds", 100);
        var warmUp = options.Int("warm-up", 100);
        var reps = options.Int("reps", 3);
        if (reps < 1 || rounds < 2 || warmUp < 0)
        {
            throw new ArgumentException($"protocol-overhead: --reps must be at least 1, --rounds at least 2 and --warm-up at least 0 (got {reps}, {rounds} and {warmUp})");
        }

        // Labels such as "alternating(1,1)" hold commas: --protocols also takes the kind alone ("alternating").
        var games = FirstSeeds(file);
        var only = options.List("data", "").ToHashSet();
        var protocols = options.List("protocols", "").ToHashSet();
        games = games.Where(g => (only.Count == 0 || only.Contains(g.Spec.Data.Kind.ToString().ToLowerInvariant()) || only.Contains(Level(g, "data.kind")))
            && (protocols.Count == 0 || protocols.Contains(Level(g, "protocol")) || protocols.Contains(Level(g, "protocol").Split('(')[0]))).ToList();
        Console.WriteLine($"# {file}: {games.Count} configurations (first seed of each), {rounds} timed rounds per process after {warmUp} warm-up rounds, {reps} interleaved repetitions (+1 warm-up), libtorch at {TorchRuntime.SiloIntraOpThreads} thread; load {SpeedBenchmark.Load()}");
        Console.WriteLine("| configuration | reference rounds/s | grains rounds/s | grains time / reference time (median, min, max) | CPU ms/round reference, grains | grains CPU / reference CPU (median) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        // The embedded silo's ports: not the defaults, which another benchmark or silo on this machine may hold.
        var ports = $"--silo-port {options.Int("silo-port", 11611)} --gateway-port {options.Int("gateway-port", 30611)}";
        foreach (var game in games)
        {
            var common = $"--file {file} --game {game.Index} --rounds {rounds} --warm-up {warmUp}";
            var times = SpeedBenchmark.Interleave(
            [
                ("reference", SpeedBenchmark.Self(), $"{SpeedBenchmark.SelfArgument()}protocol-reference {common}"),
                ("grains", SpeedBenchmark.Self(), $"{SpeedBenchmark.SelfArgument()}protocol-game {common} {ports}"),
            ], reps);

            // Time ratios: rounds/s of the reference over the grains' in each repetition.
            var ratios = times["reference"].Zip(times["grains"], (r, g) => r / g).ToList();
            var cpuRatios = times["grains cpu"].Zip(times["reference cpu"], (g, r) => g / r).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {game.Configuration} | {times["reference"].Median():F1} | {times["grains"].Median():F1} | {ratios.Median():F2} ({ratios.Min():F2}, {ratios.Max():F2}) | {SpeedBenchmark.Cpu(times, "reference")}, {SpeedBenchmark.Cpu(times, "grains")} | {cpuRatios.Median():F2} |"));
        }

        Console.WriteLine($"# load at the end {SpeedBenchmark.Load()}");
    }

    /// <summary>
    /// <c>protocol-reference</c> mode: the game on the joint reference trainer, its warm-up rounds then its timed
    /// rounds; prints "rounds/s X" and "cpu-ms/round X" over the timed rounds.
    /// </summary>
    public static void RunReference(Dictionary<string, string> options)
    {
        TorchRuntime.UseIntraOpThreads(TorchRuntime.SiloIntraOpThreads);
        var (spec, warmUp) = Game(options);
        using var trainer = new ReferenceTrainer(spec);
        for (var round = 1; round <= warmUp; round++)
        {
            trainer.PlayRound(round);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var round = warmUp + 1; round <= spec.Rounds; round++)
        {
            trainer.PlayRound(round);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var timed = spec.Rounds - warmUp;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rounds/s {timed / seconds:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu-ms/round {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / timed:F3}"));
    }

    /// <summary>
    /// <c>protocol-game</c> mode (an embedded silo): a warm-up game of the warm-up rounds, then the timed game; prints
    /// "rounds/s X" and "cpu-ms/round X" over the timed game's rounds alone (<see cref="RoundClock"/>).
    /// </summary>
    public static async Task RunGameAsync(IClusterClient client, Dictionary<string, string> options)
    {
        var (spec, warmUp) = Game(options);
        using var clock = new RoundClock();
        if (warmUp > 0)
        {
            await PlayAsync(client, spec with { Rounds = warmUp, Evaluation = spec.Evaluation with { Every = warmUp } }, "warm-up");
        }

        var timed = spec with { Rounds = spec.Rounds - warmUp, Evaluation = spec.Evaluation with { Every = spec.Rounds - warmUp } };
        await PlayAsync(client, timed, "timed");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rounds/s {clock.RoundsPerSecond("timed"):F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu-ms/round {clock.CpuMillisecondsPerRound("timed"):F3}"));
    }

    private static async Task PlayAsync(IClusterClient client, GameSpec spec, string id)
    {
        var game = client.GetGrain<IGameGrain>(id);
        await game.StartAsync(spec);
        await using var watch = GameWatch.Start(client, game);
        var status = await watch.WhenOverAsync();
        if (status.State != GameState.Finished)
        {
            throw new InvalidOperationException($"protocol-overhead: game {id} ended {status.State}: {status.Error}");
        }
    }

    // The sweep's game --game, with warm-up + timed rounds, one evaluation of one sample at the end (an evaluation is
    // not a move, and the reference makes none) and no checkpoint (0: never).
    private static (GameSpec Spec, int WarmUp) Game(Dictionary<string, string> options)
    {
        var file = SweepFile(options);
        var index = options.Int("game", 0);
        var warmUp = options.Int("warm-up", 100);
        var total = warmUp + options.Int("rounds", 100);
        var game = SweepExpansion.Games(SweepFileReader.Read(file)).FirstOrDefault(g => g.Index == index)
            ?? throw new ArgumentException($"protocol-overhead: {file} has no game {index}");
        return (game.Spec with
        {
            Name = "protocol-overhead",
            Rounds = total,
            Evaluation = game.Spec.Evaluation with { Every = total, Samples = 1, FieldEvery = 0 },
            Checkpoint = new CheckpointSpec(0),
        }, warmUp);
    }

    private static List<SweptGame> FirstSeeds(string file) =>
        SweepExpansion.Games(SweepFileReader.Read(file)).GroupBy(g => g.Configuration).Select(c => c.First()).ToList();

    private static string Level(SweptGame game, string axis) => game.Levels.FirstOrDefault(l => l.Key == axis).Value ?? "";

    private static string SweepFile(Dictionary<string, string> options) =>
        options.TryGetValue("file", out var file) ? Path.GetFullPath(file) : SpeedBenchmark.SpecFile("docs/sweeps/protocols.yaml");
}
