using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Watching;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Telemetry;

namespace OrleansGan.Benchmarks;

/// <summary>
/// Long games at constant cost: one game of --rounds rounds (default 200,000) on the embedded silo of this process,
/// followed by a watch as `run` follows it. Every --sample rounds it records the process's resident memory and the
/// rounds/s since the previous sample; every checkpoint's size and write time come from the game's own instruments
/// (orleansgan.checkpoint.size and .duration). Prints the samples, the checkpoints near round 10,000 and near the end,
/// and the ratios the issue asks about: checkpoint bytes and write time at the end over round 10,000 (at most 1.1),
/// resident memory after warm-up (flat within 5%), and rounds/s of the last stretch over the first after warm-up.
/// </summary>
internal static class LongGameBenchmark
{
    public static async Task RunAsync(IClusterClient client, Dictionary<string, string> options)
    {
        var rounds = options.Int("rounds", 200_000);
        var sample = options.Int("sample", 10_000);
        var every = options.Int("checkpoint-every", 1_000);
        var warmUp = options.Int("warm-up", 2 * sample);
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "long-game", ["rounds"] = $"{rounds}", ["batchSize"] = "64", ["seed"] = "5",
            ["generator.hidden"] = "[32,32]", ["discriminator.hidden"] = "[32,32]",
            ["evaluation.every"] = "5000", ["evaluation.samples"] = "1000", ["checkpoint.every"] = $"{every}",
        });
        var id = $"long-game-{Guid.NewGuid().ToString("N")[..6]}";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {rounds} rounds, 2x32 MLPs, batch 64, checkpoint every {every} rounds, evaluation every 5,000 (1,000 samples); one sample every {sample} rounds; warm-up {warmUp} rounds"));

        var checkpoints = new List<(long Bytes, double Seconds)>();
        using var listener = new MeterListener();
        var sizes = new List<long>();
        var durations = new List<double>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GameInstruments.MeterName && instrument.Name.StartsWith("orleansgan.checkpoint.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (sizes)
            {
                sizes.Add(value);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            lock (sizes)
            {
                durations.Add(value);
            }
        });
        listener.Start();

        using var process = Process.GetCurrentProcess();
        var samples = new List<(int Round, double ResidentMb, double ManagedMb, double CommittedMb, int Threads, double RoundsPerSecond)>();
        var clock = Stopwatch.StartNew();
        var (lastRound, lastTime) = (0, 0.0);
        var game = client.GetGrain<IGameGrain>(id);
        await game.StartAsync(spec);
        await using var watch = GameWatch.Start(client, game, progress =>
        {
            if (progress.NewRounds.Count > 0 && progress.NewRounds[^1].Round / sample > lastRound / sample)
            {
                var round = progress.NewRounds[^1].Round;
                process.Refresh();
                var now = clock.Elapsed.TotalSeconds;
                // Resident memory is the GC's committed memory plus everything native (libtorch, the runtime): the
                // committed column tells the two apart.
                samples.Add((round, process.WorkingSet64 / 1048576.0, GC.GetTotalMemory(false) / 1048576.0,
                    GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0, process.Threads.Count, (round - lastRound) / (now - lastTime)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {round} | {samples[^1].ResidentMb:F1} | {samples[^1].ManagedMb:F1} | {samples[^1].CommittedMb:F1} | {samples[^1].ResidentMb - samples[^1].CommittedMb:F1} | {samples[^1].Threads} | {samples[^1].RoundsPerSecond:F1} |"));
                (lastRound, lastTime) = (round, now);
            }

            return Task.CompletedTask;
        });
        Console.WriteLine("| round | resident MB | managed heap MB | GC committed MB | resident - committed MB | threads | rounds/s since the previous sample |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        var end = await watch.WhenOverAsync();
        listener.Dispose();
        if (end.State != Abstractions.Game.GameState.Finished)
        {
            throw new InvalidOperationException($"the long game ended {end.State}: {end.Error}");
        }

        lock (sizes)
        {
            checkpoints.AddRange(sizes.Zip(durations));
        }

        // Checkpoint k (0-based) is the one of round (k + 1) * every.
        var near = Math.Max(1, 10_000 / every);
        (long Bytes, double Milliseconds) Around(int count) => (checkpoints[count - 1].Bytes,
            1000 * checkpoints.Skip(Math.Max(0, count - 5)).Take(Math.Min(5, count)).Select(c => c.Seconds).Median());
        var early = Around(near);
        var late = Around(checkpoints.Count);
        var settled = samples.Where(s => s.Round > warmUp).ToList();
        Console.WriteLine();
        Console.WriteLine("| checkpoint at round | bytes | write time, median of it and the 4 before (ms) |");
        Console.WriteLine("|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {near * every} | {early.Bytes} | {early.Milliseconds:F2} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {checkpoints.Count * every} | {late.Bytes} | {late.Milliseconds:F2} |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"checkpoint bytes, end / round {near * every}: {(double)late.Bytes / early.Bytes:F3}; write time: {late.Milliseconds / early.Milliseconds:F2}"));
        if (settled.Count >= 2)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"resident memory after round {warmUp}: {settled.Min(s => s.ResidentMb):F1} to {settled.Max(s => s.ResidentMb):F1} MB (max / min {settled.Max(s => s.ResidentMb) / settled.Min(s => s.ResidentMb):F3}); "
                + $"rounds/s of the last stretch / the first after warm-up: {settled[^1].RoundsPerSecond / settled[0].RoundsPerSecond:F3}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{end.RoundsCompleted} rounds in {end.ElapsedSeconds:F0} s of game time, {clock.Elapsed.TotalSeconds:F0} s wall"));
    }
}
