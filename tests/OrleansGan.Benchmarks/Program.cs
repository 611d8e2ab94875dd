using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Reference;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Hosting;

// Rounds/s of the game on grains (embedded silo) against the reference trainer, interleaved repetition by
// repetition so that machine noise hits both alike; medians and their ratio are reported.
// Usage: dotnet run -c Release --project tests/OrleansGan.Benchmarks -- [--rounds N] [--reps R] [--batches 64,256,1024] [--protocols simultaneous,alternating]
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
int rounds = int.Parse(options.GetValueOrDefault("rounds", "200"), CultureInfo.InvariantCulture);
int reps = int.Parse(options.GetValueOrDefault("reps", "5"), CultureInfo.InvariantCulture);
var batches = options.GetValueOrDefault("batches", "64,256,1024").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var protocols = options.GetValueOrDefault("protocols", "simultaneous,alternating").Split(',');

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo => silo.UseLocalhostClustering().AddOrleansGan());
using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<IClusterClient>();

Console.WriteLine($"# {rounds} rounds per measurement, {reps} interleaved repetitions (+1 warm-up), ring8, 3x128 MLPs, Adam, cpu, {Environment.ProcessorCount} cores");
Console.WriteLine("| protocol | batch | reference rounds/s | grains rounds/s | grains time / reference time |");
Console.WriteLine("|---|---:|---:|---:|---:|");
var run = 0;
foreach (var protocol in protocols)
{
    foreach (var batch in batches)
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "bench", ["rounds"] = rounds.ToString(CultureInfo.InvariantCulture), ["batchSize"] = batch.ToString(CultureInfo.InvariantCulture),
            ["protocol.kind"] = protocol, ["generator.hidden"] = "[128,128,128]", ["discriminator.hidden"] = "[128,128,128]",
            ["evaluation.every"] = rounds.ToString(CultureInfo.InvariantCulture), ["evaluation.samples"] = "1",
        });
        var referenceTimes = new List<double>();
        var grainTimes = new List<double>();
        for (var rep = 0; rep <= reps; rep++)
        {
            var reference = TimeReference(spec);
            var grains = await TimeGrainsAsync(client, spec, $"bench-{run++}");
            if (rep > 0)
            {
                referenceTimes.Add(reference);
                grainTimes.Add(grains);
            }
        }

        var r = Median(referenceTimes);
        var g = Median(grainTimes);
        var ratios = referenceTimes.Zip(grainTimes, (a, b) => b / a).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {spec.Protocol} | {batch} | {rounds / r:F1} | {rounds / g:F1} | {Median(ratios):F3} (min {ratios.Min():F3}, max {ratios.Max():F3}) |"));
    }
}

await host.StopAsync();

static double TimeReference(GameSpec spec)
{
    using var trainer = new ReferenceTrainer(spec);
    var clock = Stopwatch.StartNew();
    for (var round = 1; round <= spec.Rounds; round++)
    {
        trainer.PlayRound(round);
    }

    return clock.Elapsed.TotalSeconds;
}

// The game's own clock covers its rounds and two one-sample evaluations, not the client's polling.
static async Task<double> TimeGrainsAsync(IClusterClient client, GameSpec spec, string id)
{
    var game = client.GetGrain<IGameGrain>(id);
    await game.StartAsync(spec);
    while (true)
    {
        var status = await game.GetStatusAsync(int.MaxValue, int.MaxValue);
        if (status.IsOver)
        {
            return status.State == GameState.Finished ? status.ElapsedSeconds : throw new InvalidOperationException(status.Error);
        }

        await Task.Delay(10);
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
