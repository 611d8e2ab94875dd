using System.Diagnostics;
using System.Globalization;
using OrleansGan.Abstractions.Players;
using OrleansGan.Core.Native;
using OrleansGan.Core.Players;
using OrleansGan.Core.Tensors;
using static TorchSharp.torch;

namespace OrleansGan.Benchmarks.Baselines;

/// <summary>
/// The game's own players (OrleansGan.Core), moved in a plain loop on the process's first thread with no silo: the same
/// moves in the same order as the grains' simultaneous and alternating protocols (k = 1), every minibatch and gradient
/// message through <see cref="TensorCodec"/> as between grains. It splits the grains' gap to the plain TorchSharp loop
/// in two: what the players' own code costs (this against <see cref="PlainTorchSharpGan"/>) and what hosting them in a
/// silo and calling them as grains costs (the grains against this). Prints "rounds/s X", "cpu-ms/round Y" and each
/// move's mean time.
/// </summary>
internal static class CorePlayersLoop
{
    public static void Run(Dictionary<string, string> options)
    {
        var batch = options.Int("batch", 256);
        var rounds = options.Int("rounds", 300);
        var protocol = options.GetValueOrDefault("protocol", "simultaneous");
        if (protocol is not ("simultaneous" or "alternating"))
        {
            throw new ArgumentException($"core: --protocol simultaneous or alternating (got '{protocol}')");
        }

        TorchRuntime.UseIntraOpThreads(options.Int("torch-threads", TorchRuntime.SiloIntraOpThreads));
        var spec = SpeedBenchmark.RingSpec(protocol, batch, rounds);
        using var generator = new GeneratorPlayer(PlayerSetups.Generator(spec));
        using var discriminator = new DiscriminatorPlayer(PlayerSetups.Discriminator(spec));
        var device = generator.Device;
        var moves = new long[4];
        string[] names = protocol == "simultaneous" ? ["propose", "judge-then-update", "apply-gradient", "-"] : ["propose-several", "update-then-judge", "apply-gradient", "-"];

        // --hop 1: each move on a thread-pool thread, as grain turns land (a factor the speed notes measure).
        var hop = options.Int("hop", 0) == 1;

        // Each move as its grain runs it: decode the message, move inside one dispose scope, encode the answer.
        T Move<T>(int slot, Func<T> move) => hop ? Task.Run(() => MoveHere(slot, move)).GetAwaiter().GetResult() : MoveHere(slot, move);

        T MoveHere<T>(int slot, Func<T> move)
        {
            var start = Stopwatch.GetTimestamp();
            using var scope = NewDisposeScope();
            var answer = move();
            scope.Dispose();
            moves[slot] += Stopwatch.GetTimestamp() - start;
            return answer;
        }

        var round = 0;
        double lossSum = 0;
        void Round()
        {
            round++;
            if (protocol == "simultaneous")
            {
                var fake = Move(0, () => TensorCodec.ToMessage(generator.Propose(batch, keepForGradient: true)));
                var (gradient, lossG, lossD) = Move(1, () =>
                {
                    var x = TensorCodec.ToTensor(fake, device);
                    var (g, costG, _) = discriminator.Judge(x, null, round);
                    return (TensorCodec.ToMessage(g), costG, discriminator.Update(x, UpdateRule.Plain, null, round).DiscriminatorLoss);
                });
                Move(2, () => generator.ApplyGradient(TensorCodec.ToTensor(gradient, device)));
                lossSum += lossD + lossG;
            }
            else
            {
                var fakes = Move(0, () => new[] { generator.Propose(batch, keepForGradient: false), generator.Propose(batch, keepForGradient: true) }
                    .Select(TensorCodec.ToMessage).ToArray());
                var (gradient, lossG, lossD) = Move(1, () =>
                {
                    var (updates, (g, costG, _)) = discriminator.UpdateThenJudge(
                        [(TensorCodec.ToTensor(fakes[0], device), null, round)], (TensorCodec.ToTensor(fakes[1], device), null, round));
                    return (TensorCodec.ToMessage(g), costG, updates[0].DiscriminatorLoss);
                });
                Move(2, () => generator.ApplyGradient(TensorCodec.ToTensor(gradient, device)));
                lossSum += lossD + lossG;
            }
        }

        var timed = BaselineClock.Time(Round, SpeedBenchmark.WarmUp(options, rounds), rounds, afterWarmUp: () =>
        {
            Array.Clear(moves);
            lossSum = 0;
        });
        BaselineClock.Print(rounds, timed, lossSum);
        for (var i = 0; i < 3; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"move-us {names[i]} {moves[i] * 1e6 / Stopwatch.Frequency / rounds:F1}"));
        }
    }
}
