using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.nn.functional;

namespace OrleansGan.Benchmarks.Baselines;

/// <summary>
/// The GAN a TorchSharp user writes without Orleans or this project: ring data, latent 4, 3x128 ReLU MLPs, Adam
/// (lr 1e-3, betas 0.5/0.999), the non-saturating loss, one thread calling into libtorch, and the two losses read back
/// every round as a user logs them. It shares no code with the game on purpose: it is the speed a user expects.
/// Run as a process of its own by <see cref="SpeedBenchmark"/>; prints one line "rounds/s X".
/// </summary>
internal static class PlainTorchSharpGan
{
    public static void Run(Dictionary<string, string> options)
    {
        var batch = options.Int("batch", 256);
        var rounds = options.Int("rounds", 300);
        var alternating = options.GetValueOrDefault("protocol", "simultaneous") == "alternating";
        if (options.TryGetValue("threads", out var threads))
        {
            torch.set_num_threads(int.Parse(threads, CultureInfo.InvariantCulture));
        }

        manual_seed(1);
        var g = Sequential(Linear(4, 128), ReLU(), Linear(128, 128), ReLU(), Linear(128, 128), ReLU(), Linear(128, 2));
        var d = Sequential(Linear(2, 128), ReLU(), Linear(128, 128), ReLU(), Linear(128, 128), ReLU(), Linear(128, 1));
        var gParameters = g.parameters().ToList();
        var optG = optim.Adam(gParameters, 1e-3, 0.5, 0.999);
        var optD = optim.Adam(d.parameters(), 1e-3, 0.5, 0.999);
        var angles = arange(8, dtype: ScalarType.Float32) * (2 * Math.PI / 8);
        var modes = stack([2 * cos(angles), 2 * sin(angles)], 1);
        Tensor Real() => modes.index_select(0, randint(0, 8, [batch])) + (0.02 * randn(batch, 2));

        double lossSum = 0;
        void Round()
        {
            using var scope = NewDisposeScope();
            Tensor lossD, lossG;
            if (alternating)
            {
                Tensor fake;
                using (no_grad())
                {
                    fake = g.call(randn(batch, 4));
                }

                lossD = 0.5 * (softplus(-d.call(Real())).mean() + softplus(d.call(fake)).mean());
                optD.zero_grad();
                lossD.backward();
                optD.step();
                lossG = 0.5 * softplus(-d.call(g.call(randn(batch, 4)))).mean();
                optG.zero_grad();
                lossG.backward(inputs: gParameters.Cast<Tensor>().ToList());
                optG.step();
            }
            else
            {
                // Simultaneous: both gradients at the same parameters, then both steps.
                var fake = g.call(randn(batch, 4));
                lossD = 0.5 * (softplus(-d.call(Real())).mean() + softplus(d.call(fake.detach())).mean());
                lossG = 0.5 * softplus(-d.call(fake)).mean();
                optD.zero_grad();
                optG.zero_grad();
                lossG.backward(inputs: gParameters.Cast<Tensor>().ToList());
                lossD.backward();
                optD.step();
                optG.step();
            }

            lossSum += lossD.item<float>() + lossG.item<float>();
        }

        // --hop: each round on a thread-pool thread, as grain turns run (a factor the speed notes measure), not a user's loop.
        var hop = options.ContainsKey("hop");
        void Play(int count)
        {
            for (var r = 0; r < count; r++)
            {
                if (hop)
                {
                    Task.Run(Round).Wait();
                }
                else
                {
                    Round();
                }
            }
        }

        var elapsed = 0.0;
        var cpuPerRound = 0.0;
        List<string> runtime = [];
        void Timed()
        {
            Play(SpeedBenchmark.WarmUp(options, rounds));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var tally = RuntimeTally.Now();
            var clock = Stopwatch.StartNew();
            Play(rounds);
            elapsed = clock.Elapsed.TotalSeconds;
            runtime = RuntimeTally.PerRound(tally, RuntimeTally.Now(), rounds).ToList();
            cpuPerRound = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / rounds;
        }

        // --dedicated: the whole loop on a thread of its own, not the process's first thread (a factor, as --hop).
        if (options.ContainsKey("dedicated"))
        {
            var thread = new Thread(Timed);
            thread.Start();
            thread.Join();
        }
        else
        {
            Timed();
        }

        var poolThreads = Task.Run(get_num_threads).Result;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rounds/s {rounds / elapsed:F2} (losses {lossSum / rounds:R}; libtorch threads: {get_num_threads()} on this thread, {poolThreads} on a pool thread)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu-ms/round {cpuPerRound:F3}"));
        runtime.ForEach(Console.WriteLine);
    }
}
