using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using OrleansGan.Core.Data;
using OrleansGan.Core.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OrleansGan.Core.Evaluation;

/// <summary>
/// The judge of generated digits: a small convolutional network (a 5x5 and a 3x3 convolution, each with max-pooling, then two
/// fully connected layers, LeNet-like; LeCun et al. 1998) trained on the game's real digits with a fixed seed, holding
/// out <see cref="HeldOutCount"/> digits to report its test accuracy. Its penultimate layer gives the features of the
/// Fréchet distance, as Inception's pool layer does for the FID (Heusel et al. 2017). Trained once per data set and
/// recipe and cached, hashed, beside the digits; a damaged cache is retrained, never trusted.
/// </summary>
public sealed class DigitClassifier
{
    /// <summary>Width of the penultimate layer: the features the Fréchet distance compares.</summary>
    public const int FeatureSize = 64;

    /// <summary>Digits kept out of training to measure the test accuracy.</summary>
    public const int HeldOutCount = 1000;

    /// <summary>The most digits trained on (large IDX sets are subsampled so training stays short).</summary>
    public const int MaxTrainingCount = 20_000;

    private const ulong Seed = 60_000_017;
    private const int Epochs = 4;
    private const int BatchSize = 32;
    private const double LearningRate = 2e-3;
    private const int EvaluationBatch = 1000;
    private static readonly byte[] Magic = "OGCLASS1"u8.ToArray();
    private static readonly ConcurrentDictionary<string, Lazy<DigitClassifier>> Trained = new();

    // Every choice that changes the weights; it is hashed into the cache key, so a new recipe retrains.
    private static readonly string Recipe = string.Create(CultureInfo.InvariantCulture,
        $"conv(1>8,5,pad2)-relu-maxpool2-conv(8>16,3,pad1)-relu-maxpool2-fc(784>{FeatureSize})-relu-fc({FeatureSize}>10); "
        + $"init U(+-1/sqrt(fan_in)); seed {Seed}; adam lr {LearningRate} halved each epoch; batch {BatchSize}; epochs {Epochs}; "
        + $"held out {HeldOutCount}; at most {MaxTrainingCount}; one intra-op thread");

    private readonly Network _network;
    private readonly Lazy<(Vector<double> Mean, Matrix<double> Covariance)> _realStatistics;

    private DigitClassifier(Network network, MnistDigits digits, long[] heldOut, long[] training, double testAccuracy)
    {
        _network = network;
        Digits = digits;
        HeldOut = heldOut;
        TestAccuracy = testAccuracy;

        // The real side of the Fréchet distance: the digits the classifier trained on, so held-out digits are a fair sample against it.
        _realStatistics = new(() =>
        {
            var features = Classify(Rows(digits, training)).Features;
            return FrechetDistance.Statistics(features, training.Length, FeatureSize);
        });
    }

    /// <summary>The digits it was trained on.</summary>
    public MnistDigits Digits { get; }

    /// <summary>Indices of the digits held out of training.</summary>
    public IReadOnlyList<long> HeldOut { get; }

    /// <summary>Share of the held-out digits it classifies correctly.</summary>
    public double TestAccuracy { get; }

    /// <summary>Mean and covariance of the training digits' features.</summary>
    public (Vector<double> Mean, Matrix<double> Covariance) RealStatistics => _realStatistics.Value;

    /// <summary>The cache file of the classifier for <paramref name="digits"/>: its name holds a hash of the digits and the recipe.</summary>
    public static string CachePath(MnistDigits digits, string? cacheFolder = null)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(digits.ContentHash + "\n" + Recipe)))[..24].ToLowerInvariant();
        return Path.Combine(cacheFolder ?? DataCache.Folder, $"digit-classifier-{key}.bin");
    }

    /// <summary>The classifier for <paramref name="digits"/>: from this process, else the cache, else trained (and cached).</summary>
    public static DigitClassifier For(MnistDigits digits, string? cacheFolder = null)
    {
        var path = CachePath(digits, cacheFolder);
        var lazy = Trained.GetOrAdd(path, p => new Lazy<DigitClassifier>(() => LoadOrTrain(digits, p)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Trained.TryRemove(new KeyValuePair<string, Lazy<DigitClassifier>>(path, lazy));
            throw;
        }
    }

    /// <summary>
    /// Class probabilities (softmax, row-major [count, 10]) and penultimate features ([count, <see cref="FeatureSize"/>])
    /// of row-major flat samples in [-1, 1].
    /// </summary>
    public (float[] Probabilities, float[] Features) Classify(ReadOnlySpan<float> samples)
    {
        if (samples.Length % MnistDigits.PixelCount != 0)
        {
            throw new ArgumentException($"{samples.Length} values are not whole {MnistDigits.PixelCount}-pixel images", nameof(samples));
        }

        var count = samples.Length / MnistDigits.PixelCount;
        var probabilities = new float[count * MnistDigits.DigitCount];
        var features = new float[count * FeatureSize];
        using var noGrad = no_grad();
        for (var start = 0; start < count; start += EvaluationBatch)
        {
            using var scope = NewDisposeScope();
            var rows = Math.Min(EvaluationBatch, count - start);
            var x = tensor(samples.Slice(start * MnistDigits.PixelCount, rows * MnistDigits.PixelCount).ToArray(), [rows, MnistDigits.PixelCount]);
            var f = _network.Features(x);
            functional.softmax(_network.Classify(f), 1).data<float>().CopyTo(probabilities.AsSpan(start * MnistDigits.DigitCount));
            f.data<float>().CopyTo(features.AsSpan(start * FeatureSize));
        }

        return (probabilities, features);
    }

    private static DigitClassifier LoadOrTrain(MnistDigits digits, string path)
    {
        if (digits.Count < HeldOutCount + (10 * BatchSize))
        {
            throw new InvalidOperationException($"the image evaluation trains its classifier on the real digits and needs at least "
                + $"{HeldOutCount + (10 * BatchSize)} of them; {digits.Source} has {digits.Count}");
        }

        var (heldOut, training) = Split(digits);
        var network = new Network();
        var accuracy = DataCache.ReadOrDerive(path, () => ReadCache(path, network) is { } cached ? new Accuracy(cached) : null, () =>
        {
            var trained = new Accuracy(Train(network, digits, training, heldOut));
            DataCache.WriteAtomically(path, CacheBytes(network, trained.Value));
            return trained;
        });
        network.eval();
        return new DigitClassifier(network, digits, heldOut, training, accuracy.Value);
    }

    private static (long[] HeldOut, long[] Training) Split(MnistDigits digits)
    {
        using var stream = new Generator(Seed);
        using var order = randperm(digits.Count, generator: stream);
        var all = order.data<long>().ToArray();
        return (all[..HeldOutCount], all[HeldOutCount..Math.Min(all.Length, HeldOutCount + MaxTrainingCount)]);
    }

    private static float[] Rows(MnistDigits digits, long[] indices)
    {
        var rows = new float[indices.Length * MnistDigits.PixelCount];
        for (var i = 0; i < indices.Length; i++)
        {
            digits.Scaled((int)indices[i], 1).CopyTo(rows, i * MnistDigits.PixelCount);
        }

        return rows;
    }

    private static double Train(Network network, MnistDigits digits, long[] training, long[] heldOut) =>
        // The convolutions' reductions are split across intra-op threads, so the trained weights depend on how many
        // there are (measured: 1 and 2 threads give different bytes). One thread makes the classifier, and so every
        // Fréchet distance measured with it, the same on every machine and in every process. The count comes from
        // the one owner of libtorch's threads, which sets it for this work alone: setting it process-wide here (as
        // this did) raced with moves computing at once in a silo at another setting (Silo:TorchThreads 0).
        TorchRuntime.OnOneIntraOpThread(() => TrainOnOneThread(network, digits, training, heldOut));

    private static double TrainOnOneThread(Network network, MnistDigits digits, long[] training, long[] heldOut)
    {
        using var stream = new Generator(Seed + 1);
        using (no_grad())
        {
            // Weights from the classifier's own stream, not the process-wide one, so training is reproducible.
            foreach (var (name, parameter) in network.named_parameters())
            {
                var fanIn = parameter.dim() == 1 ? network.FanInOf(name) : parameter.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
                var bound = 1 / Math.Sqrt(fanIn);
                using var draw = (rand(parameter.shape, generator: stream) * 2 - 1) * bound;
                parameter.copy_(draw);
            }
        }

        using var x = tensor(Rows(digits, training), [training.Length, MnistDigits.PixelCount]);
        using var y = tensor(training.Select(i => (long)digits.Labels[(int)i]).ToArray(), [training.Length]);
        using var optimizer = optim.Adam(network.parameters(), LearningRate);
        network.train();
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            // Large steps first, then finer ones: a few epochs on 9,000 digits need both.
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = LearningRate / (1 << epoch);
            }

            using var order = randperm(training.Length, generator: stream);
            for (var start = 0; start + BatchSize <= training.Length; start += BatchSize)
            {
                using var step = NewDisposeScope();
                var batch = order.narrow(0, start, BatchSize);
                var loss = functional.cross_entropy(network.call(x.index_select(0, batch)), y.index_select(0, batch));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }

        network.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var predicted = network.call(tensor(Rows(digits, heldOut), [heldOut.Length, MnistDigits.PixelCount])).argmax(1);
        var truth = tensor(heldOut.Select(i => (long)digits.Labels[(int)i]).ToArray(), [heldOut.Length]);
        return predicted.eq(truth).to_type(ScalarType.Float64).mean().item<double>();
    }

    // Layout: magic, accuracy (float64 LE), every parameter's values (float32 LE) in parameters() order, SHA-256 of all before.
    private static byte[] CacheBytes(Network network, double accuracy)
    {
        using var memory = new MemoryStream();
        memory.Write(Magic);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(number, accuracy);
        memory.Write(number);
        foreach (var parameter in network.parameters())
        {
            memory.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(parameter.data<float>().ToArray().AsSpan()));
        }

        var body = memory.ToArray();
        return [.. body, .. SHA256.HashData(body)];
    }

    private static double? ReadCache(string path, Network network)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return null;
        }

        var parameters = network.parameters().ToList();
        var values = parameters.Sum(p => p.numel());
        var length = Magic.Length + 8 + (4 * values) + 32;
        if (bytes.Length != length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            || !SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
        {
            return null;
        }

        var accuracy = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(Magic.Length));
        var offset = Magic.Length + 8;
        using var noGrad = no_grad();
        foreach (var parameter in parameters)
        {
            var floats = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan(offset, (int)(4 * parameter.numel()))).ToArray();
            using var loaded = tensor(floats, parameter.shape);
            parameter.copy_(loaded);
            offset += (int)(4 * parameter.numel());
        }

        return accuracy;
    }

    private sealed record Accuracy(double Value);

    private sealed class Network : Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1 = Conv2d(1, 8, 5, padding: 2);
        private readonly Conv2d conv2 = Conv2d(8, 16, 3, padding: 1);
        private readonly Linear fc1 = Linear(16 * 7 * 7, FeatureSize);
        private readonly Linear fc2 = Linear(FeatureSize, MnistDigits.DigitCount);

        public Network()
            : base("digit-classifier")
        {
            RegisterComponents();
            foreach (var parameter in parameters())
            {
                // Built outside any caller's dispose scope's reach: the classifier lives as long as the process.
                parameter.DetachFromDisposeScope();
            }
        }

        /// <summary>A bias's fan-in is its layer's weight's.</summary>
        public long FanInOf(string biasName)
        {
            var weight = named_parameters().First(p => p.name == biasName.Replace("bias", "weight", StringComparison.Ordinal)).parameter;
            return weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        }

        public Tensor Features(Tensor flat)
        {
            var x = flat.reshape(-1, 1, MnistDigits.Side, MnistDigits.Side);
            x = functional.max_pool2d(functional.relu(conv1.call(x)), 2);
            x = functional.max_pool2d(functional.relu(conv2.call(x)), 2);
            return functional.relu(fc1.call(x.flatten(1)));
        }

        public Tensor Classify(Tensor features) => fc2.call(features);

        public override Tensor forward(Tensor flat) => Classify(Features(flat));
    }
}
