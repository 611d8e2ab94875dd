using System.Diagnostics;
using System.Globalization;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Abstractions.Watching;
using OrleansGan.Core.Native;
using OrleansGan.Core.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Benchmarks;

/// <summary>
/// The game on grains against baselines in processes of their own (issue "The grain game at the speed of a plain
/// training loop"): the driver (<see cref="Run"/>) starts, for every protocol and batch size, one process per
/// contender and repetition, interleaved in a rotating order so that load hits all alike, and reports medians and
/// ratios beside the FLOPs of a round and the machine's measured matmul peak for these shapes. Contenders: the game on
/// grains (<c>game</c> mode: an embedded silo, one game, or several at once), the plain TorchSharp loop
/// (<c>plain</c>) at libtorch's default thread setting and at 1 thread, PyTorch (Baselines/plain_gan.py) at 1 and 2
/// threads; the ratios take each baseline at its best setting.
/// </summary>
internal static class SpeedBenchmark
{
    private const int Hidden = 128;

    /// <summary>
    /// <c>game</c> mode: a warm-up game, then <c>--games</c> games at once; prints "rounds/s X" (the sum of the games'
    /// rounds/s over their rounds alone, <see cref="RoundClock"/>), "game-clock-rounds/s X" (by the games' own clocks,
    /// which also cover the evaluations before the first round and after the last) and "wall-rounds/s X" (all rounds
    /// over the wall time from the first start to the last end).
    /// </summary>
    public static async Task RunGameAsync(IClusterClient client, Dictionary<string, string> options)
    {
        var batch = options.Int("batch", 256);
        var rounds = options.Int("rounds", 300);
        var games = options.Int("games", 1);
        var protocol = options.GetValueOrDefault("protocol", "simultaneous");
        var net = options.GetValueOrDefault("net", "mlp");
        using var clock = new RoundClock();
        await PlayAsync(client, clock, Spec(protocol, batch, WarmUp(options, rounds), net), 1, "warm-up");
        RuntimeTally.ForgetCallTimes();
        var (roundsOnly, ownClocks, wall, slowest) = await PlayAsync(client, clock, Spec(protocol, batch, rounds, net), games, "timed");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rounds/s {roundsOnly:F2} (slowest game {slowest:F2})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"game-clock-rounds/s {ownClocks:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu-ms/round {clock.CpuMillisecondsPerRound("timed-"):F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall-rounds/s {wall:F2}"));
        foreach (var line in clock.RuntimePerRound("timed-"))
        {
            Console.WriteLine(line);
        }

        foreach (var line in RuntimeTally.CallTimes((long)rounds * games))
        {
            Console.WriteLine(line);
        }

        foreach (var (method, calls) in RuntimeTally.Calls.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"# calls {method} {calls} (warm-up and timed games, evaluations included)");
        }
    }

    /// <summary>
    /// <c>peak</c> mode: the best GFLOP/s of one [batch, 128] x [128, 128] matmul at the current thread setting, the
    /// shape that holds nearly all of a round's FLOPs.
    /// </summary>
    public static void RunPeak(Dictionary<string, string> options)
    {
        if (options.TryGetValue("threads", out var threads))
        {
            set_num_threads(int.Parse(threads, CultureInfo.InvariantCulture));
        }

        foreach (var batch in Batches(options))
        {
            using var a = randn(batch, Hidden);
            using var b = randn(Hidden, Hidden);
            var best = 0.0;
            for (var trial = 0; trial < 7; trial++)
            {
                // A quarter of a second per trial, however slow the setting (two threads on a loaded machine can be 50x slower).
                var clock = Stopwatch.StartNew();
                var iterations = 0;
                while (clock.Elapsed.TotalSeconds < 0.25)
                {
                    using var c = a.mm(b);
                    iterations++;
                }

                best = Math.Max(best, 2.0 * batch * Hidden * Hidden * iterations / clock.Elapsed.TotalSeconds / 1e9);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak {batch} {best:F2}"));
        }

        // What a round's other native calls cost: reading one figure back (.item()) and a message's two copies.
        using var x = randn(256, 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"item-us {MicroSeconds(() => { using var m = x.mean(); m.item<float>(); }) - MicroSeconds(() => { using var m = x.mean(); }):F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"message-us {MicroSeconds(() => { using var t = OrleansGan.Core.Tensors.TensorCodec.ToTensor(OrleansGan.Core.Tensors.TensorCodec.ToMessage(x), CPU); }):F2}"));
    }

    private static double MicroSeconds(Action call)
    {
        var best = double.MaxValue;
        for (var trial = 0; trial < 7; trial++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 10_000; i++)
            {
                call();
            }

            best = Math.Min(best, clock.Elapsed.TotalMicroseconds / 10_000);
        }

        return best;
    }

    /// <summary>The driver: no silo of its own; every figure comes from a child process.</summary>
    public static void Run(Dictionary<string, string> options)
    {
        var rounds = options.Int("rounds", 300);
        var reps = options.Int("reps", 5);
        if (reps < 1 || rounds < 1)
        {
            throw new ArgumentException($"speed: --reps and --rounds must be at least 1 (got {reps} and {rounds}); the first repetition is a warm-up and is not counted");
        }

        var python = options.GetValueOrDefault("python", File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        var script = Path.Combine(AppContext.BaseDirectory, "Baselines", "plain_gan.py");
        var pythonThreads = options.List("python-threads", "1,2");
        Console.WriteLine($"# {rounds} timed rounds per process (after {WarmUp(options, rounds)} warm-up rounds), {reps} interleaved repetitions (+1 warm-up), ring8, latent 4, 3x128 ReLU MLPs, Adam, non-saturating, cpu; load {Load()}");
        var peak = Peak(options);
        Console.WriteLine($"# matmul peak [batch,128]x[128,128], best of 7, GFLOP/s: {string.Join(", ", peak.Select(p => string.Create(CultureInfo.InvariantCulture, $"batch {p.Key}: {p.Value.One:F1} (1 thread), {p.Value.Default:F1} (libtorch default)")))}");
        Console.WriteLine();
        // libtorch's default (2 threads here) is left out by default: on a loaded machine its spinning team plays a round in
        // hundreds of milliseconds (docs/benchmarks/speed.md); --plain-threads default,1 brings it back.
        var plainThreads = options.List("plain-threads", "1");

        // The grains at the silo's setting first (the ratios' grains), then any other (0: libtorch's default, as before).
        var grainThreads = options.List("grains-torch-threads", TorchRuntime.SiloIntraOpThreads.ToString(CultureInfo.InvariantCulture));
        string GrainsName(string t) => t == grainThreads[0] ? "grains" : $"grains-{t}";
        // The game's own players in a loop without a silo (Baselines/CorePlayersLoop.cs) split the gap to the plain loop
        // into the players' code and the grains around them; --core 0 leaves them out.
        var core = options.Int("core", 1) == 1;
        Console.WriteLine("| protocol | batch | MFLOP/round | grains rounds/s | " +
            (core ? "Core players, no silo rounds/s | grains / Core players (median, min, max) | " : "") +
            string.Concat(grainThreads.Skip(1).Select(t => $"grains at torch-threads {t} rounds/s | ")) +
            string.Join(" | ", plainThreads.Select(t => $"plain TorchSharp {t} thr rounds/s")) + " | " +
            string.Join(" | ", pythonThreads.Select(t => $"PyTorch {t} thr rounds/s")) +
            " | grains / plain best (median, min, max) | grains / PyTorch best | grains GFLOP/s | % of 1-thread peak | CPU ms/round grains, plain best |");
        Console.WriteLine("|---|---:|---:|---:|" + (core ? "---:|---:|" : "") + string.Concat(grainThreads.Skip(1).Concat(plainThreads).Concat(pythonThreads).Select(_ => "---:|")) + "---:|---:|---:|---:|---:|");
        foreach (var protocol in options.List("protocols", "simultaneous,alternating"))
        {
            foreach (var batch in Batches(options))
            {
                var common = $"--batch {batch} --rounds {rounds} --warm-up {WarmUp(options, rounds)} --protocol {protocol}";
                var contenders = grainThreads.Select(t => (GrainsName(t), Self(), $"{SelfArgument()}game {common} --torch-threads {t}")).ToList();
                if (core)
                {
                    contenders.Add(("core", Self(), $"{SelfArgument()}core {common}"));
                }

                contenders.AddRange(plainThreads.Select(t => ($"plain-{t}", Self(), $"{SelfArgument()}plain {common}{(t == "default" ? "" : $" --threads {t}")}")));
                contenders.AddRange(pythonThreads.Select(t => ($"pytorch-{t}", python, $"{script} {common} --threads {t}")));
                var times = Interleave(contenders, reps);

                // Each baseline at its best thread setting (by median), the grains as the silo sets them.
                var bestPlain = plainThreads.MaxBy(t => times[$"plain-{t}"].Median())!;
                var ratios = times["grains"].Zip(times[$"plain-{bestPlain}"], (g, p) => g / p).ToList();
                var bestPython = pythonThreads.Select(t => times[$"pytorch-{t}"].Median()).Max();
                var flops = FlopsPerRound(protocol, batch);
                var grains = times["grains"].Median();
                var baselineColumns = string.Join(" | ", grainThreads.Skip(1).Select(GrainsName).Concat(plainThreads.Select(t => $"plain-{t}")).Concat(pythonThreads.Select(t => $"pytorch-{t}"))
                    .Select(name => times[name].Median().ToString("F1", CultureInfo.InvariantCulture)));
                var coreRatios = core ? times["grains"].Zip(times["core"], (g, c) => g / c).ToList() : [];
                var coreColumns = core
                    ? string.Create(CultureInfo.InvariantCulture, $"{times["core"].Median():F1} | {coreRatios.Median():F3} ({coreRatios.Min():F3}, {coreRatios.Max():F3}) | ")
                    : "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {protocol} | {batch} | {flops / 1e6:F1} | {grains:F1} | {coreColumns}{baselineColumns}" +
                    $" | {ratios.Median():F3} ({ratios.Min():F3}, {ratios.Max():F3}) | {grains / bestPython:F3} | {grains * flops / 1e9:F1} | {100 * grains * flops / 1e9 / peak[batch].One:F0} | {Cpu(times, "grains")}, {Cpu(times, $"plain-{bestPlain}")} |"));
            }
        }

        if (options.Int("dcgan", 1) == 1)
        {
            Dcgan(options, reps, python, script);
        }

        if (options.Int("concurrency", 1) == 1)
        {
            Concurrency(options, rounds, reps);
        }

        Console.WriteLine($"# load at the end {Load()}");
    }

    // docs/specs/dcgan-mnist.yaml (alternating, batch 128) on grains, as a plain TorchSharp loop, and in PyTorch at 1 thread.
    private static void Dcgan(Dictionary<string, string> options, int reps, string python, string script)
    {
        var rounds = options.Int("dcgan-rounds", 60);
        const int batch = 128;
        var common = $"--net dcgan --batch {batch} --rounds {rounds} --warm-up {options.Int("dcgan-warm-up", 30)} --protocol alternating";
        var times = Interleave(
        [
            ("grains", Self(), $"{SelfArgument()}game {common}"),
            ("plain-1", Self(), $"{SelfArgument()}plain {common} --threads 1"),
            ("pytorch-1", python, $"{script} {common} --threads 1"),
        ], reps);
        var ratios = times["grains"].Zip(times["plain-1"], (g, p) => g / p).ToList();
        var flops = DcganFlopsPerRound(batch);
        var grains = times["grains"].Median();
        Console.WriteLine();
        Console.WriteLine("| game | batch | MFLOP/round | grains rounds/s | plain TorchSharp 1 thr rounds/s | PyTorch 1 thr rounds/s | grains / plain (median, min, max) | grains / PyTorch | grains GFLOP/s | CPU ms/round grains, plain |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| DCGAN/MNIST, alternating | {batch} | {flops / 1e6:F0} | {grains:F1} | {times["plain-1"].Median():F1} | {times["pytorch-1"].Median():F1}" +
            $" | {ratios.Median():F3} ({ratios.Min():F3}, {ratios.Max():F3}) | {grains / times["pytorch-1"].Median():F3} | {grains * flops / 1e9:F1} | {Cpu(times, "grains")}, {Cpu(times, "plain-1")} |"));
    }

    /// <summary>
    /// As <see cref="FlopsPerRound"/> for docs/specs/dcgan-mnist.yaml, alternating (4 F_G + 8 F_D): a convolution
    /// costs 2 (output pixels) C_in C_out k^2, a transposed one 2 (input pixels) C_in C_out k^2. Per sample
    /// F_G = 2 (100 x 6272 + 49 x 128 x 64 x 16 + 196 x 64 x 16) and F_D = 2 (196 x 64 x 16 + 49 x 64 x 128 x 16 + 6272).
    /// </summary>
    public static double DcganFlopsPerRound(int batch)
    {
        var g = 2.0 * batch * ((100 * 6272) + (49 * 128 * 64 * 16) + (196 * 64 * 16));
        var d = 2.0 * batch * ((196 * 64 * 16) + (49 * 64 * 128 * 16) + 6272);
        return (4 * g) + (8 * d);
    }

    // Two games at once on one silo against one game alone, each a process of its own, interleaved.
    private static void Concurrency(Dictionary<string, string> options, int rounds, int reps)
    {
        var batch = options.Int("concurrency-batch", 256);
        var common = $"--batch {batch} --rounds {rounds} --warm-up {WarmUp(options, rounds)} --protocol simultaneous";
        var times = Interleave(
        [
            ("one", Self(), $"{SelfArgument()}game {common} --games 1"),
            ("two", Self(), $"{SelfArgument()}game {common} --games 2"),
        ], reps, "wall-rounds/s");
        var ratios = times["two"].Zip(times["one"], (t, o) => t / o).ToList();
        Console.WriteLine();
        Console.WriteLine("| games at once (simultaneous, batch " + batch + ") | aggregate rounds/s, wall clock incl. start (median) | two / one (median, min, max) |");
        Console.WriteLine("|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 1 | {times["one"].Median():F1} | 1.000 |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 2 | {times["two"].Median():F1} | {ratios.Median():F3} ({ratios.Min():F3}, {ratios.Max():F3}) |"));
    }

    /// <summary>
    /// Matmul FLOPs (2mnk) of one round, elementwise work left out: a forward pass costs F, a backward pass that needs
    /// weight and input gradients 2F, one that needs only input gradients (D's judgment, dJ_G/dx) F. Simultaneous: G
    /// forward, D's judgment (forward + input backward), D's update on real and fake (2 forwards, 2 full backwards), G's
    /// backward: 3 F_G + 8 F_D. Alternating adds a second G forward (D's fake is drawn without a graph): 4 F_G + 8 F_D.
    /// The plain loops and PyTorch do the same passes.
    /// </summary>
    public static double FlopsPerRound(string protocol, int batch)
    {
        double Forward(int input, int output) => 2.0 * batch * ((input * Hidden) + (2 * Hidden * Hidden) + (Hidden * output));
        var g = Forward(4, 2);
        var d = Forward(2, 1);
        return protocol == "alternating" ? (4 * g) + (8 * d) : (3 * g) + (8 * d);
    }

    // Each contender's figure per repetition, and under "<name> cpu" its CPU milliseconds per round where it prints
    // them; every run's figures and the load average before it go to the output as a comment line.
    internal static Dictionary<string, List<double>> Interleave(List<(string Name, string File, string Arguments)> contenders, int reps, string figure = "rounds/s")
    {
        var times = contenders.SelectMany(c => new[] { c.Name, $"{c.Name} cpu" }).ToDictionary(n => n, _ => new List<double>());
        for (var rep = 0; rep <= reps; rep++)
        {
            // A rotating order, so that no contender always follows the same one (or always runs first).
            for (var i = 0; i < contenders.Count; i++)
            {
                var (name, file, arguments) = contenders[(i + rep) % contenders.Count];
                var load = Load();
                var lines = RunChild(file, arguments);
                var rate = Figure(lines, figure) ?? throw new InvalidOperationException($"{file} {arguments} printed no {figure} line");
                var cpu = Figure(lines, "cpu-ms/round");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"# {(rep == 0 ? "warm-up" : $"rep {rep}")} {name}: {figure} {rate:F2}, cpu-ms/round {cpu?.ToString("F3", CultureInfo.InvariantCulture) ?? "-"}, load before {load}"));
                if (rep > 0)
                {
                    times[name].Add(rate);
                    if (cpu is { } c)
                    {
                        times[$"{name} cpu"].Add(c);
                    }
                }
            }
        }

        return times;
    }

    internal static string Cpu(Dictionary<string, List<double>> times, string name) =>
        times[$"{name} cpu"] is { Count: > 0 } cpu ? cpu.Median().ToString("F2", CultureInfo.InvariantCulture) : "-";

    private static double? Figure(List<string> lines, string figure) =>
        lines.LastOrDefault(l => l.StartsWith(figure + " ", StringComparison.Ordinal)) is { } line
            ? double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture)
            : null;

    private static Dictionary<int, (double One, double Default)> Peak(Dictionary<string, string> options)
    {
        var batches = string.Join(',', Batches(options));
        double[] Read(string threads) => RunChild(Self(), $"{SelfArgument()}peak --batches {batches}{threads}")
            .Where(l => l.StartsWith("peak ", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ')[2], CultureInfo.InvariantCulture)).ToArray();
        var one = Read(" --threads 1");
        var all = Read("");
        return Batches(options).Select((b, i) => (b, i)).ToDictionary(p => p.b, p => (one[p.i], all[p.i]));
    }

    private static List<string> RunChild(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var error = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}: {error.Result}");
        }

        return lines;
    }

    // This benchmark's own executable: the apphost, or `dotnet` with the assembly as its first argument.
    internal static string Self() => Environment.ProcessPath ?? "dotnet";

    internal static string SelfArgument() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? $"{typeof(SpeedBenchmark).Assembly.Location} " : "";

    /// <summary>
    /// The rounds every contender plays before its timed rounds (<c>--warm-up</c>, default 300): the grains run far
    /// more managed code than the loops, and .NET's tiered JIT promotes a method only after 30 calls and a background
    /// compile, so a short warm-up timed the grains partly in unoptimised code (the profile showed the JIT's thread
    /// busy a quarter of the time at round 1,500 of a game warmed up for 20 rounds). A long game runs in steady state.
    /// </summary>
    public static int WarmUp(Dictionary<string, string> options, int rounds) => options.Int("warm-up", Math.Max(300, rounds / 10));

    private static IEnumerable<int> Batches(Dictionary<string, string> options) =>
        options.List("batches", "64,256,1024").Select(b => int.Parse(b, CultureInfo.InvariantCulture));

    internal static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    // docs/specs/dcgan-mnist.yaml as it stands (Baselines/PlainTorchSharpDcgan.cs is the same game), or the ring game.
    private static GameSpec Spec(string protocol, int batch, int rounds, string net = "mlp") => net == "dcgan"
        ? GameSpecLoader.Load(SpecFile("docs/specs/dcgan-mnist.yaml"), new Dictionary<string, string>(Timed(protocol, batch, rounds)) { ["evaluation.samples"] = "64" })
        : RingSpec(protocol, batch, rounds);

    // The ring game every contender plays (Baselines/CorePlayersLoop.cs moves its players without a silo).
    internal static GameSpec RingSpec(string protocol, int batch, int rounds) => GameSpecLoader.Load(null, new Dictionary<string, string>(Timed(protocol, batch, rounds))
    {
        ["generator.hidden"] = "[128,128,128]", ["discriminator.hidden"] = "[128,128,128]", ["evaluation.samples"] = "1",
    });

    // What every timed game sets: its length, batch and protocol, and one evaluation only, after the last round.
    private static Dictionary<string, string> Timed(string protocol, int batch, int rounds) => new()
    {
        ["name"] = "speed", ["rounds"] = rounds.ToString(CultureInfo.InvariantCulture), ["batchSize"] = batch.ToString(CultureInfo.InvariantCulture),
        ["protocol.kind"] = protocol, ["evaluation.every"] = rounds.ToString(CultureInfo.InvariantCulture),
    };

    // A file of this repository, from the folder the benchmark runs in or any folder above its build output.
    internal static string SpecFile(string relative)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, relative)))
                {
                    return Path.Combine(folder.FullName, relative);
                }
            }
        }

        throw new FileNotFoundException($"speed: {relative} not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}");
    }

    // The sum of the games' rounds/s over their rounds alone (as the loops time theirs) and by their own clocks, the
    // rounds of all over the wall time from the first start to the last end, and the slowest game's rounds/s (rounds alone).
    private static async Task<(double RoundsOnly, double OwnClocks, double Wall, double Slowest)> PlayAsync(
        IClusterClient client, RoundClock rounds, GameSpec spec, int count, string prefix)
    {
        var clock = Stopwatch.StartNew();
        var elapsed = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var game = client.GetGrain<IGameGrain>($"{prefix}-{i}");
            await game.StartAsync(spec);
            await using var watch = GameWatch.Start(client, game);
            var status = await watch.WhenOverAsync();
            return status.State == GameState.Finished ? status.ElapsedSeconds : throw new InvalidOperationException(status.Error);
        }));

        var wall = count * spec.Rounds / clock.Elapsed.TotalSeconds;
        var roundsOnly = Enumerable.Range(0, count).Select(i => rounds.RoundsPerSecond($"{prefix}-{i}")).ToList();
        return (roundsOnly.Sum(), elapsed.Sum(e => spec.Rounds / e), wall, roundsOnly.Min());
    }
}
