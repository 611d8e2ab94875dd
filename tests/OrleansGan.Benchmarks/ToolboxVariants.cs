using System.Globalization;

namespace OrleansGan.Benchmarks;

/// <summary>A choice in the table, as the spec overrides that make it.</summary>
internal sealed record ToolboxVariant(string Name, IReadOnlyDictionary<string, string> Overrides, Func<ToolboxVariant, bool>? AppliesToLoss = null)
{
    /// <summary>Overrides that replace <see cref="Overrides"/> on MNIST (sizes that only make sense for 784 pixels).</summary>
    public IReadOnlyDictionary<string, string> MnistOverrides { get; init; } = new Dictionary<string, string>();

    public IEnumerable<KeyValuePair<string, string>> For(string data) =>
        data == "mnist" ? Overrides.Where(o => !MnistOverrides.ContainsKey(o.Key)).Concat(MnistOverrides) : Overrides;

    public bool AppliesTo(ToolboxVariant loss) => AppliesToLoss?.Invoke(loss) ?? true;
}

/// <summary>The base game on each data set, and the losses and stabilizers the toolbox benchmark crosses.</summary>
internal static class ToolboxVariants
{
    private static readonly string[] CrossEntropy = ["minimax", "non-saturating", "maximum-likelihood"];

    /// <summary>Each loss of the tutorial and the papers it cites, with the schedule its paper uses.</summary>
    public static IReadOnlyList<ToolboxVariant> Losses { get; } =
    [
        new("minimax", new Dictionary<string, string> { ["loss"] = "minimax" }),
        new("non-saturating", new Dictionary<string, string> { ["loss"] = "non-saturating" }),
        new("maximum-likelihood", new Dictionary<string, string> { ["loss"] = "maximum-likelihood" }),
        new("least-squares", new Dictionary<string, string> { ["loss"] = "least-squares" }),
        new("hinge", new Dictionary<string, string> { ["loss"] = "hinge" }),

        // Arjovsky et al. 2017, Algorithm 1: n_critic = 5, RMSprop, lr 5e-5, c = 0.01.
        new("wasserstein-clip", new Dictionary<string, string>
        {
            ["loss"] = "wasserstein", ["protocol.kind"] = "alternating", ["protocol.discriminatorSteps"] = "5",
            ["discriminator.optimizer.kind"] = "rmsprop", ["discriminator.optimizer.learningRate"] = "5e-5",
            ["generator.optimizer.kind"] = "rmsprop", ["generator.optimizer.learningRate"] = "5e-5",
            ["discriminator.weightClip"] = "0.01",
        }),

        // Gulrajani et al. 2017, Algorithm 1: n_critic = 5, lambda = 10, Adam (1e-4, 0.5, 0.9).
        new("wasserstein-gp", new Dictionary<string, string>
        {
            ["loss"] = "wasserstein", ["protocol.kind"] = "alternating", ["protocol.discriminatorSteps"] = "5",
            ["discriminator.optimizer.learningRate"] = "1e-4", ["discriminator.optimizer.beta2"] = "0.9",
            ["generator.optimizer.learningRate"] = "1e-4", ["generator.optimizer.beta2"] = "0.9",
            ["stabilizers.gradientPenalty"] = "10",
        }),

        // Zhao et al. 2016: an autoencoder discriminator whose energy is its reconstruction error, margin m. Its code must
        // be narrower than a sample, or it reconstructs everything and the energy says nothing: 1 of 2 values on the
        // ring; 32 of 784 pixels on MNIST, pixels in [-1, 1].
        new("energy-based", new Dictionary<string, string>
        {
            ["loss"] = "energy-based", ["discriminator.network"] = "autoencoder", ["discriminator.margin"] = "1", ["discriminator.hidden"] = "[128,128,1]",
        })
        {
            MnistOverrides = new Dictionary<string, string> { ["discriminator.hidden"] = "[256,32]", ["discriminator.margin"] = "0.5" },
        },
    ];

    /// <summary>Each stabilizer of the tutorial, off ("none") first.</summary>
    public static IReadOnlyList<ToolboxVariant> Stabilizers { get; } =
    [
        new("none", new Dictionary<string, string>()),
        new("label smoothing 0.9", new Dictionary<string, string> { ["stabilizers.realLabel"] = "0.9" }, loss => CrossEntropy.Contains(loss.Name)),
        new("instance noise", new Dictionary<string, string> { ["stabilizers.instanceNoise.sigma0"] = "0.1", ["stabilizers.instanceNoise.annealRounds"] = "1000" }),
        new("minibatch features", new Dictionary<string, string> { ["discriminator.minibatchFeatures.kernels"] = "16", ["discriminator.minibatchFeatures.kernelSize"] = "4" }, NotEnergy),
        new("packing 2", new Dictionary<string, string> { ["discriminator.pack"] = "2" }, NotEnergy),
        new("virtual batch norm", new Dictionary<string, string> { ["generator.normalization"] = "virtual-batch" }),
        new("R1 10", new Dictionary<string, string> { ["stabilizers.r1"] = "10" }, loss => !loss.Name.StartsWith("wasserstein", StringComparison.Ordinal)),
        new("conditional", new Dictionary<string, string> { ["stabilizers.classLabels"] = "conditional" }, NotEnergy),
        new("(n+1) classes", new Dictionary<string, string> { ["stabilizers.classLabels"] = "auxiliary-classes" }, NotEnergy),
    ];

    /// <summary>The game every variant starts from on <paramref name="data"/>.</summary>
    public static (int Rounds, string Description, IReadOnlyDictionary<string, string> Overrides) Setting(string data, Dictionary<string, string> options)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (data == "mnist")
        {
            var rounds = options.Int("mnist-rounds", 1000);
            var batch = options.Int("mnist-batch", 64);
            return (rounds, $"DCGAN players (G [64,32], D [32,64] channels), Adam 2e-4/0.5, batch {batch}, {rounds} rounds, alternating(1,1) unless the loss says otherwise", new Dictionary<string, string>
            {
                ["rounds"] = rounds.ToString(invariant), ["batchSize"] = batch.ToString(invariant), ["data.kind"] = "mnist",
                ["generator.network"] = "dcgan", ["generator.latentSize"] = "64", ["generator.hidden"] = "[64,32]", ["generator.outputSize"] = "784",
                ["discriminator.network"] = "dcgan", ["discriminator.hidden"] = "[32,64]", ["discriminator.inputSize"] = "784",
                ["generator.optimizer.learningRate"] = "2e-4", ["discriminator.optimizer.learningRate"] = "2e-4",
                ["evaluation.every"] = rounds.ToString(invariant), ["evaluation.samples"] = "1000", ["checkpoint.every"] = rounds.ToString(invariant),
            });
        }

        var ringRounds = options.Int("rounds", 3000);
        var ringBatch = options.Int("batch", 256);
        return (ringRounds, $"3x128 MLPs, Adam 1e-3/0.5, batch {ringBatch}, {ringRounds} rounds, alternating(1,1) unless the loss says otherwise", new Dictionary<string, string>
        {
            ["rounds"] = ringRounds.ToString(invariant), ["batchSize"] = ringBatch.ToString(invariant), ["data.kind"] = data,
            ["evaluation.every"] = ringRounds.ToString(invariant), ["checkpoint.every"] = ringRounds.ToString(invariant),
        });
    }

    private static bool NotEnergy(ToolboxVariant loss) => loss.Name != "energy-based";
}
