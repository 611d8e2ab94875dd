using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrleansGan.Benchmarks;

/// <summary>
/// The throughput of <c>orleans-gan sweep</c> itself, run as a user runs it (its own process): the same 16-game sweep on
/// an embedded silo playing 1, 2 and 4 games at once, and on 1 and 2 silo processes on this machine (development
/// clustering, one shared checkpoint folder), as aggregate rounds/s by the sweep's own clock (rounds played over the
/// time from its first game's start to its last game's end: connecting and the final aggregation excluded). Setups
/// are interleaved within each repetition, so the machine's load falls on all of them alike; the load average is
/// printed with every sweep. Then what one game leaves in the files a checkpoint store keeps, for sizing a cluster.
/// </summary>
internal static class SweepThroughputBenchmark
{
    private const int Games = 16;

    public static void Run(Dictionary<string, string> options)
    {
        var rounds = options.Int("rounds", 300);
        var reps = options.Int("reps", 2);
        var siloParallel = options.Int("silo-parallel", 4);
        var setups = options.List("setups", "embedded-1,embedded-2,embedded-4,silos-1,silos-2");
        var scratch = Path.Combine(Path.GetTempPath(), $"orleansgan-sweep-throughput-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        var file = Path.Combine(scratch, "throughput.yaml");
        File.WriteAllText(file, string.Create(CultureInfo.InvariantCulture, $$"""
            name: throughput
            spec:
              rounds: {{rounds}}
              batchSize: 64
              generator: { hidden: [64, 64] }
              discriminator: { hidden: [64, 64] }
              evaluation: { every: 100, samples: 500 }
              checkpoint: { every: 100 }
            axes:
              protocol: [simultaneous, alternating, optimistic, extragradient]
              seed: 1..4
            """));
        Console.WriteLine($"# {Games} games (4 protocols x 4 seeds on ring8, 2x64 MLPs, batch 64, {rounds} rounds, evaluation and checkpoint every 100); "
            + $"silo processes get --parallel {siloParallel}; {reps} repetitions, setups interleaved; load average before: {LoadAverage()}");
        var measured = setups.ToDictionary(s => s, _ => new List<(double Rate, double Wall)>());
        try
        {
            for (var rep = 0; rep < reps; rep++)
            {
                foreach (var setup in setups)
                {
                    var folder = Path.Combine(scratch, $"{setup}-{rep}");
                    var result = setup.StartsWith("embedded-", StringComparison.Ordinal)
                        ? Sweep(scratch, ["sweep", "--file", file, "--out", folder, "--parallel", setup["embedded-".Length..]])
                        : OnSilos(scratch, int.Parse(setup["silos-".Length..], CultureInfo.InvariantCulture), file, folder, siloParallel);
                    measured[setup].Add(result);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"#   rep {rep + 1} {setup}: {result.Rate:F1} rounds/s, command {result.Wall:F0} s, load average {LoadAverage()}"));
                }
            }

            Console.WriteLine("| setup | games at once | aggregate rounds/s (median) | each repetition | command wall time s (median) | over embedded, 1 at once |");
            Console.WriteLine("|---|---:|---:|---|---:|---:|");
            var baseline = measured.TryGetValue("embedded-1", out var one) ? one.Select(m => m.Rate).Median() : double.NaN;
            foreach (var (setup, results) in measured)
            {
                var rate = results.Select(r => r.Rate).Median();
                var atOnce = setup.StartsWith("embedded-", StringComparison.Ordinal) ? setup["embedded-".Length..] : $"{siloParallel}";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {Describe(setup)} | {atOnce} | {rate:F1} | {string.Join(", ", results.Select(r => r.Rate.ToString("F1", CultureInfo.InvariantCulture)))} | {results.Select(r => r.Wall).Median():F0} | {rate / baseline:F2} |"));
            }

            Footprint(Path.Combine(scratch, $"{setups[0]}-0"), rounds);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static string Describe(string setup) => setup switch
    {
        _ when setup.StartsWith("embedded-", StringComparison.Ordinal) => "embedded silo",
        "silos-1" => "1 silo process",
        _ => $"{setup["silos-".Length..]} silo processes",
    };

    // One sweep command to its end; its rounds/s from its last overall line, and its wall time.
    private static (double Rate, double Wall) Sweep(string folder, IReadOnlyList<string> args)
    {
        var clock = Stopwatch.StartNew();
        var (exit, lines) = Child.Run(folder, "orleans-gan.dll", args);
        var overall = lines.LastOrDefault(l => l.StartsWith($"games {Games}/{Games} done", StringComparison.Ordinal));
        if (exit != 0 || overall is null)
        {
            throw new InvalidOperationException($"sweep {string.Join(' ', args)} exited with {exit}:\n{string.Join('\n', lines)}");
        }

        // "games 16/16 done, 0 running, 0 failed  31.2 rounds/s  00:02:10"
        var words = overall.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var rate = double.Parse(words[Array.IndexOf(words, "rounds/s") - 1], CultureInfo.InvariantCulture);
        return (rate, clock.Elapsed.TotalSeconds);
    }

    // Silo processes on loopback (the first is the development cluster's primary; the others join it), the sweep on
    // them through every gateway, then the silos stopped.
    private static (double Rate, double Wall) OnSilos(string scratch, int count, string file, string folder, int parallel)
    {
        var checkpoints = Path.Combine(scratch, $"silo-checkpoints-{Guid.NewGuid():N}");
        var ports = new HashSet<int>();
        while (ports.Count < 2 * count)
        {
            ports.Add(FreePort());
        }

        var port = ports.ToArray();
        var silos = new List<Child>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                List<string> args = ["orleans-gan-silo.dll", "--Silo:SiloPort", $"{port[2 * i]}", "--Silo:GatewayPort", $"{port[(2 * i) + 1]}",
                    "--Silo:Name", $"silo-{i}", "--Checkpoints:Path", checkpoints, "--Telemetry:Port", "0", "--Live:Pages", "false"];
                if (i > 0)
                {
                    args.AddRange(["--Silo:PrimarySiloPort", $"{port[0]}"]);
                }

                silos.Add(Child.Start(scratch, args, ready: "OrleansGan silo ready"));
            }

            var gateways = string.Join(',', Enumerable.Range(0, count).Select(i => $"127.0.0.1:{port[(2 * i) + 1]}"));
            return Sweep(scratch, ["sweep", "--file", file, "--out", folder, "--parallel", $"{parallel}", "--cluster", gateways, "--connect-timeout", "120"]);
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Dispose();
            }

            if (Directory.Exists(checkpoints))
            {
                Directory.Delete(checkpoints, recursive: true);
            }
        }
    }

    // What one finished game of the embedded sweep keeps in its run folder's checkpoints/: the figures a checkpoint
    // store (files or Redis) holds per game.
    private static void Footprint(string sweep, int rounds)
    {
        var game = Directory.GetDirectories(Path.Combine(sweep, "games")).Order(StringComparer.Ordinal).First();
        var id = File.ReadAllText(Path.Combine(game, "game-id.txt")).Trim();
        var files = Path.Combine(game, "checkpoints", id);
        long Size(string path) => new FileInfo(path).Length;
        var record = Directory.GetFiles(Path.Combine(game, "checkpoints", ".records"), "*.state", SearchOption.AllDirectories).Single(f => f.Contains(id, StringComparison.Ordinal));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# one game ({Path.GetFileName(game)}, {rounds} rounds): checkpoint {Size(Path.Combine(files, "checkpoint.bin")):N0} bytes; "
            + $"rounds.log {Size(Path.Combine(files, "rounds.log")):N0} bytes ({(double)Size(Path.Combine(files, "rounds.log")) / rounds:F1} per round); "
            + $"evaluations.log {Size(Path.Combine(files, "evaluations.log")):N0} bytes; game record {Size(record):N0} bytes"));
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // A process of the command line or the silo host (beside this benchmark's own binaries), its output collected.
    private sealed class Child : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];

        private Child(Process process) => _process = process;

        public static Child Start(string folder, IReadOnlyList<string> args, string? ready = null)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, args[0]));
            foreach (var arg in args.Skip(1))
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {args[0]}");
            var child = new Child(process);
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void Observe(string? line)
            {
                if (line is null)
                {
                    return;
                }

                lock (child._lines)
                {
                    child._lines.Add(line);
                }

                if (ready is not null && line.Contains(ready, StringComparison.Ordinal))
                {
                    seen.TrySetResult();
                }
            }

            process.OutputDataReceived += (_, e) => Observe(e.Data);
            process.ErrorDataReceived += (_, e) => Observe(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (ready is not null && Task.WaitAny([seen.Task, process.WaitForExitAsync()], TimeSpan.FromMinutes(3)) != 0)
            {
                child.Dispose();
                throw new InvalidOperationException($"{args[0]} did not say '{ready}':\n{string.Join('\n', child._lines)}");
            }

            return child;
        }

        public static (int ExitCode, List<string> Lines) Run(string folder, string program, IReadOnlyList<string> args)
        {
            using var child = Start(folder, [program, .. args]);
            child._process.WaitForExit();
            lock (child._lines)
            {
                return (child._process.ExitCode, child._lines.ToList());
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }
    }
}
