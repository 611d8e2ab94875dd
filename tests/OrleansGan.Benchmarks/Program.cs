using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansGan.Benchmarks;
using OrleansGan.Grains.Hosting;

// Benchmarks that anyone can re-run; each prints a markdown table.
//   overhead  : rounds/s of the game on grains against the reference trainer, side by side (issue "The playable game").
//   concurrency: many small games on one silo at once against one game alone (issue "Players on chosen devices ...").
//   protocol-overhead: each protocol's rounds/s on grains against its joint reference trainer, the games of
//               docs/sweeps/protocols.yaml shortened, each contender a process of its own (modes protocol-game and
//               protocol-reference). What the protocols and the toolbox reach is measured by `orleans-gan sweep` with
//               the files in docs/sweeps, not here: this harness measures only speed and memory.
//   diagnostics: the speed goals of the equilibrium diagnostics on the default ring game (issue "Is it an equilibrium?").
//   scalar-race: how often TorchSharp's unrooted implicit Scalars are freed during a native call (docs/known-issues.md).
//   speed     : the game on grains against a plain TorchSharp loop and PyTorch, each in a process of its own (issue "The
//               grain game at the speed of a plain training loop"); it starts this program in the modes
//               game (an embedded silo, one game or several), plain (Baselines/PlainTorchSharpGan.cs, no silo), core (the
//               game's own players moved in a loop without a silo, Baselines/CorePlayersLoop.cs) and
//               peak (matmul GFLOP/s), and Baselines/plain_gan.py.
//   sweep-throughput: the same 16-game `orleans-gan sweep` on an embedded silo at 1, 2 and 4 games at once and on 1 and 2
//               silo processes, as aggregate rounds/s, setups interleaved (issue "Experiments, not single games"); then
//               one game's checkpoint, record logs and record in bytes.
//   field     : what recording a field with every evaluation costs, in time and in bytes, and drawing it; and per evaluation with evaluation.fieldEvery 1, 10 and 0.
//   long-game : one 200,000-round game: checkpoint bytes and write time, resident memory and rounds/s as it goes (issue
//               "Games that survive any silo, long games at constant cost").
// Usage: dotnet run -c Release --project tests/OrleansGan.Benchmarks -- overhead|protocol-overhead|concurrency|... [--option value ...]
if (args.Length == 0 || args[0] is not ("overhead" or "protocol-overhead" or "protocol-game" or "protocol-reference" or "concurrency" or "scalar-race" or "long-game" or "diagnostics"
    or "speed" or "game" or "plain" or "core" or "core-beside-silo" or "peak" or "field" or "sweep-throughput"))
{
    Console.Error.WriteLine("usage: OrleansGan.Benchmarks overhead|protocol-overhead|concurrency|scalar-race|field|long-game|diagnostics|speed|game|plain|core|core-beside-silo|peak|sweep-throughput [--seconds 10] [--games 16] [--rounds N] [--reps R] [--batches 64,256] [--file docs/sweeps/protocols.yaml] [--data ring8,grid25] [--protocols a,b] [--silo-port 11111 --gateway-port 30000]");
    return 2;
}

var options = args.Skip(1).Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 2 < args.Length ? args[p.i + 2] : "");
if (args[0] == "field")
{
    Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, command: {string.Join(' ', args)}");
    FieldBenchmark.Run(options);
    return 0;
}

if (args[0] == "scalar-race")
{
    // Torch alone: a silo's own threads would only add noise to the count.
    Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, command: {string.Join(' ', args)}");
    ScalarRaceBenchmark.Run(options);
    return 0;
}

// The sweep's throughput runs the command line and silo hosts as processes of their own; this process hosts nothing.
if (args[0] == "sweep-throughput")
{
    Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, command: {string.Join(' ', args)}");
    SweepThroughputBenchmark.Run(options);
    return 0;
}

// The drivers and the baselines host no silo: a baseline is the speed of a process without one.
if (args[0] is "speed" or "plain" or "core" or "peak" or "protocol-overhead" or "protocol-reference")
{
    OrleansGan.Core.Native.TorchRuntime.EnsureLoaded();
    if (args[0] == "protocol-overhead")
    {
        Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, command: {string.Join(' ', args)}");
        ProtocolOverheadBenchmark.Run(options);
    }
    else if (args[0] == "protocol-reference")
    {
        ProtocolOverheadBenchmark.RunReference(options);
    }
    else if (args[0] == "speed")
    {
        Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, command: {string.Join(' ', args)}");
        OrleansGan.Benchmarks.SpeedBenchmark.Run(options);
    }
    else if (args[0] == "plain" && options.GetValueOrDefault("net") == "dcgan")
    {
        OrleansGan.Benchmarks.Baselines.PlainTorchSharpDcgan.Run(options);
    }
    else if (args[0] == "plain")
    {
        OrleansGan.Benchmarks.Baselines.PlainTorchSharpGan.Run(options);
    }
    else if (args[0] == "core")
    {
        OrleansGan.Benchmarks.Baselines.CorePlayersLoop.Run(options);
    }
    else
    {
        OrleansGan.Benchmarks.SpeedBenchmark.RunPeak(options);
    }

    return 0;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// Its own ports and cluster, so that two benchmark processes on one machine never join each other's cluster (their
// games have the same ids).
var siloPort = options.Int("silo-port", 11111);
var checkpoints = Path.Combine(Path.GetTempPath(), $"orleansgan-benchmarks-{siloPort}-{Guid.NewGuid():N}");
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(siloPort, options.Int("gateway-port", 30000), clusterId: $"benchmarks-{siloPort}")
        .AddOrleansGan(checkpoints, torchThreads: options.Int("torch-threads", OrleansGan.Core.Native.TorchRuntime.SiloIntraOpThreads));
    if (args[0] == "game")
    {
        // The speed benchmark counts grain calls per round by method (RuntimeTally).
        silo.AddIncomingGrainCallFilter(async call =>
        {
            var method = $"{call.InterfaceMethod?.DeclaringType?.Name}.{call.InterfaceMethod?.Name}";
            RuntimeTally.CountCall(method);
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            await call.Invoke();
            RuntimeTally.TimeCall(method, System.Diagnostics.Stopwatch.GetTimestamp() - start);
        });
    }
});
using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<IClusterClient>();
Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, command: {string.Join(' ', args)}");
if (args[0] == "overhead")
{
    await OverheadBenchmark.RunAsync(client, options);
}
else if (args[0] == "protocol-game")
{
    await ProtocolOverheadBenchmark.RunGameAsync(client, options);
}
else if (args[0] == "diagnostics")
{
    await DiagnosticsBenchmark.RunAsync(client, options);
}
else if (args[0] == "game")
{
    await SpeedBenchmark.RunGameAsync(client, options);
}
else if (args[0] == "core-beside-silo")
{
    // The core loop in a process that hosts an idle silo: what the silo's presence alone costs the same moves.
    OrleansGan.Benchmarks.Baselines.CorePlayersLoop.Run(options);
}
else if (args[0] == "long-game")
{
    await LongGameBenchmark.RunAsync(client, options);
}
else
{
    await ConcurrencyBenchmark.RunAsync(client, options);
}

await host.StopAsync();
if (Directory.Exists(checkpoints))
{
    Directory.Delete(checkpoints, recursive: true);
}
return 0;

namespace OrleansGan.Benchmarks
{
    internal static class Options
    {
        public static int Int(this Dictionary<string, string> o, string name, int fallback) =>
            o.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        public static string[] List(this Dictionary<string, string> o, string name, string fallback) =>
            o.GetValueOrDefault(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries);

        public static double Median(this IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }
}
