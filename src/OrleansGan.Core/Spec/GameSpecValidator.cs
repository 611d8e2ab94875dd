using System.Text.RegularExpressions;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Devices;

namespace OrleansGan.Core.Spec;

/// <summary>Checks that a spec describes a playable game, naming the field of every problem.</summary>
public static partial class GameSpecValidator
{
    /// <summary>Every problem with <paramref name="spec"/>, as "field: what is wrong"; empty when it can be played.</summary>
    public static IReadOnlyList<string> Problems(GameSpec spec)
    {
        var problems = new List<string>();
        void Check(bool ok, string field, string problem)
        {
            if (!ok)
            {
                problems.Add($"{field}: {problem}");
            }
        }

        Check(!string.IsNullOrEmpty(spec.Name) && NamePattern().IsMatch(spec.Name), "name",
            $"'{spec.Name}' must be 1-64 letters, digits, '.', '_' or '-'");
        Check(spec.Rounds >= 1, "rounds", $"must be at least 1 (got {spec.Rounds})");
        Check(spec.BatchSize is >= 1 and <= 1 << 20, "batchSize", $"must be between 1 and {1 << 20} (got {spec.BatchSize})");
        Check(Enum.IsDefined(spec.Loss), "loss", $"unknown loss {spec.Loss}");
        Check(Enum.IsDefined(spec.Protocol.Kind), "protocol.kind", $"unknown protocol {spec.Protocol.Kind}");
        Check(spec.Protocol.DiscriminatorSteps >= 1, "protocol.discriminatorSteps", $"k must be at least 1 (got {spec.Protocol.DiscriminatorSteps})");
        Check(spec.Protocol.GeneratorSteps >= 1, "protocol.generatorSteps", $"k must be at least 1 (got {spec.Protocol.GeneratorSteps})");
        Check(spec.Protocol.UnrollSteps is >= 0 and <= 100, "protocol.unrollSteps", $"k must be between 0 and 100 (got {spec.Protocol.UnrollSteps})");
        Check(double.IsFinite(spec.Protocol.ConsensusWeight) && spec.Protocol.ConsensusWeight >= 0, "protocol.consensusWeight",
            $"gamma must be non-negative (got {spec.Protocol.ConsensusWeight})");
        Check(spec.Protocol.Kind != ProtocolKind.TwoTimeScale
            || spec.Generator.Optimizer.LearningRate != spec.Discriminator.Optimizer.LearningRate, "protocol.kind",
            "two-time-scale needs different learning rates for the players (generator.optimizer.learningRate and discriminator.optimizer.learningRate are equal: that is simultaneous)");

        var dimension = Enum.IsDefined(spec.Data.Kind) ? RealData.DimensionOf(spec.Data.Kind) : -1;
        Check(dimension > 0, "data.kind", $"unknown data {spec.Data.Kind}");
        if (spec.Data.Path is { } dataPath)
        {
            Check(spec.Data.Kind == DataKind.Mnist, "data.path", $"only mnist reads its data from files (data.kind is {spec.Data.Kind.ToString().ToLowerInvariant()})");
            Check(Directory.Exists(dataPath), "data.path", $"folder '{dataPath}' does not exist");
        }

        var g = spec.Generator;
        Check(g.LatentSize >= 1, "generator.latentSize", $"must be at least 1 (got {g.LatentSize})");
        CheckLayers(problems, "generator.hidden", g.Hidden);
        Check(dimension < 0 || g.OutputSize == dimension, "generator.outputSize",
            $"must equal the data dimension {dimension} (got {g.OutputSize})");
        CheckOptimizer(problems, "generator.optimizer", g.Optimizer);
        CheckDevice(problems, "generator.device", g.Device);

        var d = spec.Discriminator;
        Check(d.InputSize == g.OutputSize, "discriminator.inputSize",
            $"{d.InputSize} does not match generator.outputSize {g.OutputSize}: the discriminator must accept the generator's samples");
        Check(dimension < 0 || d.InputSize == dimension, "discriminator.inputSize",
            $"must equal the data dimension {dimension} (got {d.InputSize})");
        CheckLayers(problems, "discriminator.hidden", d.Hidden);
        CheckOptimizer(problems, "discriminator.optimizer", d.Optimizer);
        CheckDevice(problems, "discriminator.device", d.Device);
        Check(double.IsFinite(d.OutputScale) && d.OutputScale != 0, "discriminator.outputScale", $"must be a non-zero number (got {d.OutputScale})");
        Check(g.InitialValue is null || double.IsFinite(g.InitialValue.Value), "generator.initialValue", $"must be a number (got {g.InitialValue})");
        Check(d.InitialValue is null || double.IsFinite(d.InitialValue.Value), "discriminator.initialValue", $"must be a number (got {d.InitialValue})");
        Check(d.WeightClip is null || (double.IsFinite(d.WeightClip.Value) && d.WeightClip.Value > 0), "discriminator.weightClip",
            $"c must be positive, or null for no clipping (got {d.WeightClip}); 0.01 is WGAN's");

        CheckNetworks(problems, spec);
        CheckRecipeOptions(problems, spec);

        var e = spec.Evaluation;
        Check(e.Every >= 1, "evaluation.every", $"must be at least 1 (got {e.Every})");
        Check(e.Samples >= 1, "evaluation.samples", $"must be at least 1 (got {e.Samples})");
        Check(e.Samples >= 2 || spec.Data.Kind != DataKind.Mnist, "evaluation.samples",
            $"the Fréchet distance of images needs at least 2 samples (got {e.Samples})");
        Check(double.IsFinite(e.QualityStds) && e.QualityStds > 0, "evaluation.qualityStds", $"must be positive (got {e.QualityStds})");
        Check(e.MinSamplesPerMode >= 1, "evaluation.minSamplesPerMode", $"must be at least 1 (got {e.MinSamplesPerMode})");
        Check(e.FieldEvery >= 0, "evaluation.fieldEvery",
            $"must be a whole number of evaluations, at least 1, or 0 for no field (got {e.FieldEvery})");
        var placement = spec.Placement;
        Check(Enum.IsDefined(placement.Policy), "placement.policy", $"unknown placement policy {placement.Policy}");
        foreach (var (field, value) in new[] { ("placement.generator", placement.Generator), ("placement.discriminator", placement.Discriminator) })
        {
            if (placement.Policy == PlacementPolicy.Explicit)
            {
                var parts = value?.Split('/') ?? [];
                Check(parts.Length == 2 && parts[0].Length > 0 && DeviceName.Problem(parts[1]) is null, field,
                    $"explicit placement needs silo/device, e.g. silo-1/cuda:0 (got '{value}')");
            }
            else
            {
                Check(value is null, field, $"only explicit placement names a silo/device (policy is {placement.Policy.ToString().ToLowerInvariant()})");
            }
        }

        var realLabel = spec.Stabilizers.RealLabel;
        Check(realLabel is > 0 and <= 1, "stabilizers.realLabel", $"must be in (0, 1] (got {realLabel}); 0.9 is the tutorial's one-sided smoothing");
        Check(realLabel == 1 || spec.Loss is LossKind.Minimax or LossKind.NonSaturating or LossKind.MaximumLikelihood, "stabilizers.realLabel",
            $"label smoothing applies to the cross-entropy losses, not {spec.Loss}");
        CheckEnergyBased(problems, spec);
        var noise = spec.Stabilizers.InstanceNoise;
        if (noise is not null)
        {
            Check(double.IsFinite(noise.Sigma0) && noise.Sigma0 >= 0, "stabilizers.instanceNoise.sigma0",
                $"the noise's std must be non-negative (got {noise.Sigma0}); 0 is off");
            Check(noise.AnnealRounds >= 0, "stabilizers.instanceNoise.annealRounds",
                $"must be 0 (constant noise) or the number of rounds over which the std falls to 0 (got {noise.AnnealRounds})");
        }

        CheckClassLabels(problems, spec);
        var penalty = spec.Stabilizers.GradientPenalty;
        Check(double.IsFinite(penalty) && penalty >= 0, "stabilizers.gradientPenalty", $"lambda must be >= 0 (got {penalty}); 10 is WGAN-GP's, 0 is off");
        var r1 = spec.Stabilizers.R1;
        Check(double.IsFinite(r1) && r1 >= 0, "stabilizers.r1", $"gamma must be >= 0 (got {r1}); 0 is off");
        GameSizeLimits.Check(spec, problems);
        Check(spec.Checkpoint.Every >= 0, "checkpoint.every", $"must be 0 (never) or a number of rounds (got {spec.Checkpoint.Every})");
        // The diagnostic batch must cut into whole packs only where the game itself diagnoses (every > 0); the defaults
        // then stay valid for a packed game (PacGAN3's 1024 samples), and `diagnose` checks its own batch against the pack.
        var diagnosed = spec.Diagnostics is { Every: > 0 };
        problems.AddRange(DiagnosticsSpecValidator.Problems(spec.Diagnostics, diagnosed ? Math.Max(1, spec.Discriminator.Pack) : 1));
        var parameters = ParameterCount(spec);
        Check(!e.TrackParameters || parameters <= MaxTrackedParameters, "evaluation.trackParameters",
            $"tracks at most {MaxTrackedParameters} parameters; these players have {parameters}");
        return problems;
    }

    /// <summary>The most parameters a game may record after every round.</summary>
    public const int MaxTrackedParameters = 64;

    /// <summary>How many parameters the two players have together.</summary>
    public static long ParameterCount(GameSpec spec)
    {
        var (gs, ds) = (spec.Generator, spec.Discriminator);
        var kernels = Math.Max(0, ds.MinibatchFeatures?.Kernels ?? 0);
        var kernelSize = Math.Max(0, ds.MinibatchFeatures?.KernelSize ?? 0);
        var pack = Math.Max(1, ds.Pack);

        // Dense layers (k pieces per unit for maxout, no bias when hidden biases are off), a scale and shift per
        // normalised hidden feature, and T (A x B x C) before the last layer.
        static long Mlp(int input, IReadOnlyList<int> hidden, int output, bool normalized, int kernels, int kernelSize, int pieces = 1, bool bias = true)
        {
            var widths = new[] { input }.Concat(hidden).ToArray();
            var count = widths.Zip(widths.Skip(1), (a, b) => ((long)a * b * pieces) + (bias ? (long)b * pieces : 0) + (normalized ? 2L * b : 0)).Sum();
            var last = widths[^1];
            return count + ((long)last * kernels * kernelSize) + (((long)last + kernels) * output) + output;
        }

        // Class labels widen the first layers (a one-hot y beside z and x; n class channels into the DCGAN discriminator's
        // first convolution) and give the (n+1)-class discriminator n+1 outputs.
        var mode = spec.Stabilizers.ClassLabels;
        var classes = mode != ClassLabels.None && Enum.IsDefined(spec.Data.Kind) ? RealData.ClassCountOf(spec.Data.Kind) : 0;
        var conditioned = mode == ClassLabels.Conditional ? classes : 0;
        var outputs = mode == ClassLabels.AuxiliaryClasses ? classes + 1 : 1;
        var gNormalized = gs.Normalization is not (null or Normalization.None);
        var dNormalized = ds.Normalization is not (null or Normalization.None);
        var gHidden = gs.Hidden ?? [];
        var dHidden = ds.Hidden ?? [];
        long g = gs.Network switch
        {
            GeneratorNetwork.PointMass => gs.OutputSize,
            GeneratorNetwork.Dcgan when gHidden.Length == 2 =>
                (((long)gs.LatentSize + conditioned + 1) * gHidden[0] * 49) + ((long)gHidden[0] * gHidden[1] * 16) + gHidden[1] + (gHidden[1] * 16L) + 1
                + (gs.Normalization is null or not Normalization.None ? 2L * (gHidden[0] + gHidden[1]) : 0),
            _ => Mlp(gs.LatentSize + conditioned, gHidden, gs.OutputSize, gNormalized, 0, 0, bias: gs.HiddenBias),
        };
        long d = ds.Network switch
        {
            DiscriminatorNetwork.Linear => ds.InputSize + conditioned,
            DiscriminatorNetwork.Dcgan when dHidden.Length == 2 =>
                ((long)pack * (1 + conditioned) * dHidden[0] * 16) + dHidden[0] + ((long)dHidden[0] * dHidden[1] * 16) + dHidden[1]
                + (ds.Normalization is null or not Normalization.None ? 2L * dHidden[1] : 0)
                + (49L * dHidden[1] * kernels * kernelSize) + (((49L * dHidden[1]) + kernels + 1) * outputs),
            DiscriminatorNetwork.Autoencoder when dHidden.Length > 0 =>
                Mlp(ds.InputSize, dHidden[..^1], dHidden[^1], false, 0, 0) + Mlp(dHidden[^1], dHidden[..^1].Reverse().ToArray(), ds.InputSize, false, 0, 0),
            _ => Mlp((ds.InputSize + conditioned) * pack, dHidden, outputs, dNormalized, kernels, kernelSize, Math.Max(1, ds.MaxoutPieces), ds.HiddenBias),
        };
        return g + d;
    }

    // DCGAN players, normalisation, minibatch discrimination and packing: what each network can do.
    private static void CheckNetworks(List<string> problems, GameSpec spec)
    {
        void Check(bool ok, string field, string problem)
        {
            if (!ok)
            {
                problems.Add($"{field}: {problem}");
            }
        }

        var (g, d) = (spec.Generator, spec.Discriminator);
        if (g.Network == GeneratorNetwork.Dcgan)
        {
            Check(g.OutputSize == ImagePixels, "generator.outputSize", $"a dcgan generator makes 28x28 images, {ImagePixels} values (got {g.OutputSize})");
            Check(g.Hidden is null || g.Hidden.Length == 2, "generator.hidden",
                $"a dcgan generator has two channel widths, e.g. [128, 64] (got {g.Hidden?.Length} entries)");
        }

        if (d.Network == DiscriminatorNetwork.Dcgan)
        {
            Check(d.InputSize == ImagePixels, "discriminator.inputSize", $"a dcgan discriminator judges 28x28 images, {ImagePixels} values (got {d.InputSize})");
            Check(d.Hidden is null || d.Hidden.Length == 2, "discriminator.hidden",
                $"a dcgan discriminator has two channel widths, e.g. [64, 128] (got {d.Hidden?.Length} entries)");
        }

        Check(g.Normalization is null || Enum.IsDefined(g.Normalization.Value), "generator.normalization", $"unknown normalization {g.Normalization}");
        Check(d.Normalization is null || Enum.IsDefined(d.Normalization.Value), "discriminator.normalization", $"unknown normalization {d.Normalization}");
        Check(g.Network != GeneratorNetwork.PointMass || g.Normalization is null or Normalization.None, "generator.normalization",
            "a point-mass generator has no hidden features to normalise");
        Check(d.Network != DiscriminatorNetwork.Linear || d.Normalization is null or Normalization.None, "discriminator.normalization",
            "a linear discriminator has no hidden features to normalise");

        var features = d.MinibatchFeatures;
        if (features is not null)
        {
            Check(features.Kernels >= 0, "discriminator.minibatchFeatures.kernels", $"must be 0 (off) or a number of kernels (got {features.Kernels})");
            Check(features.Kernels <= 0 || features.KernelSize >= 1, "discriminator.minibatchFeatures.kernelSize",
                $"must be at least 1 (got {features.KernelSize})");
            Check(features.Kernels <= 0 || d.Network != DiscriminatorNetwork.Linear, "discriminator.minibatchFeatures",
                "a linear discriminator has no features to extend; use mlp or dcgan");
        }

        Check(d.Pack >= 1, "discriminator.pack", $"must be at least 1, the number of samples judged together (got {d.Pack})");
        if (d.Pack > 1)
        {
            Check(d.Network != DiscriminatorNetwork.Linear, "discriminator.pack", "a linear discriminator judges one sample; use mlp or dcgan");
            Check(spec.BatchSize % d.Pack == 0, "discriminator.pack",
                $"batchSize {spec.BatchSize} must be divisible by discriminator.pack {d.Pack}: packs are all real or all fake");
            Check(spec.Evaluation.Samples >= d.Pack, "discriminator.pack",
                $"evaluation.samples {spec.Evaluation.Samples} must be at least discriminator.pack {d.Pack}: the discriminator judges the evaluation sample's whole packs");
        }
    }

    private const int ImagePixels = 28 * 28;

    /// <summary>The largest fixed dataset a spec may ask for (data.size): 10 million 2-d samples are 80 MB.</summary>
    public const int MaxDatasetSize = 10_000_000;

    // The options the papers' 2-d recipes need: the mixtures' geometry, stratified minibatches, a fixed dataset, the MLP
    // players' initialisation, biases, maxout and input scale, and the evaluation rule.
    private static void CheckRecipeOptions(List<string> problems, GameSpec spec)
    {
        void Check(bool ok, string field, string problem)
        {
            if (!ok)
            {
                problems.Add($"{field}: {problem}");
            }
        }

        var data = spec.Data;
        var kind = KebabCaseEnumConverter.NameOf(data.Kind);
        var mixture = data.Kind is DataKind.Ring8 or DataKind.Grid25;
        if (data.Radius is { } radius)
        {
            Check(data.Kind == DataKind.Ring8, "data.radius", $"only the ring has a radius (data.kind is {kind})");
            Check(double.IsFinite(radius) && radius > 0, "data.radius", $"must be positive (got {radius})");
        }

        if (data.Spacing is { } spacing)
        {
            Check(data.Kind == DataKind.Grid25, "data.spacing", $"only the grid has a spacing (data.kind is {kind})");
            Check(double.IsFinite(spacing) && spacing > 0, "data.spacing", $"must be positive (got {spacing})");
        }

        if (data.Std is { } std)
        {
            Check(mixture, "data.std", $"only ring8 and grid25 have a std to set (data.kind is {kind})");
            Check(double.IsFinite(std) && std > 0, "data.std", $"must be positive (got {std})");
        }

        Check(Enum.IsDefined(data.RingAngles), "data.ringAngles", $"unknown ring angles {data.RingAngles}");
        Check(data.RingAngles == RingAngles.Even || data.Kind == DataKind.Ring8, "data.ringAngles", $"only the ring has angles (data.kind is {kind})");
        if (data.Stratified)
        {
            Check(mixture, "data.stratified", $"stratifies by the modes of ring8 or grid25 (data.kind is {kind})");
            var modes = mixture ? RealData.ClassCountOf(data.Kind) : 1;
            Check(spec.BatchSize % modes == 0, "data.stratified",
                $"batchSize {spec.BatchSize} must be a multiple of the {modes} modes, so that each mode is drawn equally often");
            Check(data.Size is null, "data.stratified", "a fixed dataset (data.size) is visited in shuffled passes, not stratified: set one of the two");
            Check(spec.Discriminator.Pack == 1, "data.stratified",
                $"stratified samples come in mode order, so every pack of {spec.Discriminator.Pack} would hold the same modes (discriminator.pack must be 1)");
        }

        if (data.Size is { } size)
        {
            Check(mixture, "data.size", $"a fixed dataset is drawn from ring8 or grid25 (data.kind is {kind})");
            Check(size is >= 1 and <= MaxDatasetSize, "data.size", $"must be between 1 and {MaxDatasetSize} samples (got {size}); null draws every minibatch afresh");
        }

        var (g, d) = (spec.Generator, spec.Discriminator);
        CheckMlpOptions(problems, "generator", g.Network == GeneratorNetwork.Mlp, KebabCaseEnumConverter.NameOf(g.Network), g.Initialization, g.HiddenBias);
        CheckMlpOptions(problems, "discriminator", d.Network == DiscriminatorNetwork.Mlp, KebabCaseEnumConverter.NameOf(d.Network), d.Initialization, d.HiddenBias);
        Check(d.MaxoutPieces is >= 1 and <= 64, "discriminator.maxoutPieces", $"must be between 1 (off) and 64 pieces per unit (got {d.MaxoutPieces})");
        if (d.MaxoutPieces > 1)
        {
            Check(d.Network == DiscriminatorNetwork.Mlp, "discriminator.maxoutPieces", $"maxout layers are the hidden layers of an mlp (discriminator.network is {KebabCaseEnumConverter.NameOf(d.Network)})");
            Check(d.Normalization is null or Normalization.None, "discriminator.maxoutPieces", "maxout layers are not normalised (set discriminator.normalization to none)");
            Check(d.HiddenBias, "discriminator.maxoutPieces", "maxout layers keep their biases (set discriminator.hiddenBias to true)");
        }

        Check(double.IsFinite(d.InputScale) && d.InputScale != 0, "discriminator.inputScale", $"must be a non-zero number (got {d.InputScale}); 1 is off, 0.25 is the Unrolled GAN paper's");
        if (d.InputScale != 1)
        {
            Check(d.Network == DiscriminatorNetwork.Mlp, "discriminator.inputScale", $"scales the input of an mlp (discriminator.network is {KebabCaseEnumConverter.NameOf(d.Network)})");
            Check(spec.Stabilizers.ClassLabels != ClassLabels.Conditional, "discriminator.inputScale",
                "a conditional discriminator reads [x, onehot(y)], and the scale would shrink the one-hot too");
        }

        Check(Enum.IsDefined(spec.Evaluation.Rule), "evaluation.rule", $"unknown coverage rule {spec.Evaluation.Rule}");
    }

    private static void CheckMlpOptions(List<string> problems, string player, bool mlp, string network, InitializationSpec? initialization, bool hiddenBias)
    {
        if (initialization is { } init)
        {
            if (!Enum.IsDefined(init.Scheme))
            {
                problems.Add($"{player}.initialization.scheme: unknown initialization {init.Scheme}");
            }
            else if (init.Scheme != WeightInitialization.Network && !mlp)
            {
                problems.Add($"{player}.initialization.scheme: only an mlp takes an initialization; a {network} uses its own (set scheme to network)");
            }

            if (!(double.IsFinite(init.Std) && init.Std > 0))
            {
                problems.Add($"{player}.initialization.std: must be positive (got {init.Std}); 0.02 is PacGAN's");
            }

            if (!(double.IsFinite(init.Gain) && init.Gain > 0))
            {
                problems.Add($"{player}.initialization.gain: must be positive (got {init.Gain}); 0.8 is the Unrolled GAN paper's");
            }
        }

        if (!hiddenBias && !mlp)
        {
            problems.Add($"{player}.hiddenBias: only an mlp's hidden layers can drop their biases ({player}.network is {network})");
        }
    }

    /// <summary>Throws <see cref="InvalidGameSpecException"/> listing every problem, if there is any.</summary>
    public static void ThrowIfInvalid(GameSpec spec)
    {
        var problems = Problems(spec);
        if (problems.Count > 0)
        {
            throw new InvalidGameSpecException(problems);
        }
    }

    // The energy-based loss and the autoencoder belong together: the margin hinge assumes an energy bounded below by 0
    // (an MLP's output is not, so J_D would fall without bound), and a cross-entropy or critic loss would read a
    // non-negative reconstruction error as a logit.
    private static void CheckEnergyBased(List<string> problems, GameSpec spec)
    {
        var d = spec.Discriminator;
        var energyBased = spec.Loss == LossKind.EnergyBased;
        var autoencoder = d.Network == DiscriminatorNetwork.Autoencoder;
        if (energyBased && !autoencoder)
        {
            problems.Add($"discriminator.network: the energy-based loss needs an energy, the autoencoder's reconstruction error (got {KebabCaseEnumConverter.NameOf(d.Network)})");
        }

        if (autoencoder && !energyBased && Enum.IsDefined(spec.Loss))
        {
            problems.Add($"discriminator.network: the autoencoder outputs an energy, not a logit; it plays the energy-based loss (got loss {KebabCaseEnumConverter.NameOf(spec.Loss)})");
        }

        if (autoencoder && d.Hidden is { Length: 0 })
        {
            problems.Add("discriminator.hidden: the autoencoder needs at least one layer, its code (the last width)");
        }

        if (autoencoder && d.OutputScale != 1)
        {
            problems.Add($"discriminator.outputScale: the autoencoder's energy is a reconstruction error and is not scaled; must be 1 (got {d.OutputScale})");
        }

        if (energyBased && !(d.Margin is { } m && double.IsFinite(m) && m > 0))
        {
            problems.Add($"discriminator.margin: the energy-based loss needs a positive margin m (got {(d.Margin?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")})");
        }

        if (!energyBased && d.Margin is not null)
        {
            problems.Add($"discriminator.margin: only the energy-based loss has a margin (loss is {KebabCaseEnumConverter.NameOf(spec.Loss)})");
        }

        var pullAway = spec.Stabilizers.PullAway;
        if (!(double.IsFinite(pullAway) && pullAway >= 0))
        {
            problems.Add($"stabilizers.pullAway: must be non-negative (got {pullAway}); 0 is off, 0.1 is the paper's");
        }
        else if (pullAway > 0 && !(energyBased && autoencoder))
        {
            problems.Add("stabilizers.pullAway: the pulling-away term acts on the autoencoder's codes; it needs the energy-based loss and the autoencoder network");
        }
        else if (pullAway > 0 && spec.BatchSize < 2)
        {
            problems.Add($"stabilizers.pullAway: compares distinct samples, so batchSize must be at least 2 (got {spec.BatchSize})");
        }

        if (autoencoder && spec.Stabilizers.ClassLabels != ClassLabels.None)
        {
            problems.Add($"stabilizers.classLabels: the autoencoder discriminator reconstructs x alone and reads no class (got {KebabCaseEnumConverter.NameOf(spec.Stabilizers.ClassLabels)})");
        }
    }

    private static void CheckClassLabels(List<string> problems, GameSpec spec)
    {
        const string field = "stabilizers.classLabels";
        var mode = spec.Stabilizers.ClassLabels;
        if (!Enum.IsDefined(mode))
        {
            problems.Add($"{field}: unknown use of class labels {mode}");
            return;
        }

        if (mode == ClassLabels.None || !Enum.IsDefined(spec.Data.Kind))
        {
            return;
        }

        var name = KebabCaseEnumConverter.NameOf(mode);
        var classes = RealData.ClassCountOf(spec.Data.Kind);
        if (classes < 2)
        {
            problems.Add($"{field}: {name} needs data with at least two classes; {KebabCaseEnumConverter.NameOf(spec.Data.Kind)} has {classes}");
        }

        if (mode == ClassLabels.Conditional && spec.Generator.Network is not (GeneratorNetwork.Mlp or GeneratorNetwork.Dcgan))
        {
            problems.Add($"{field}: a conditional generator reads [z, onehot(y)], which a {KebabCaseEnumConverter.NameOf(spec.Generator.Network)} generator does not read (generator.network must be mlp or dcgan)");
        }

        if (mode == ClassLabels.Conditional
            && (spec.Generator.Normalization == Normalization.VirtualBatch || spec.Discriminator.Normalization == Normalization.VirtualBatch))
        {
            problems.Add($"{field}: virtual batch normalization's reference batch carries no classes, so it cannot be combined with conditional players (set generator.normalization and discriminator.normalization to batch or none)");
        }

        if (mode == ClassLabels.AuxiliaryClasses && spec.Discriminator.Network is not (DiscriminatorNetwork.Mlp or DiscriminatorNetwork.Dcgan))
        {
            problems.Add($"{field}: the (n+1)-class discriminator has n+1 outputs, which a {KebabCaseEnumConverter.NameOf(spec.Discriminator.Network)} discriminator does not have (discriminator.network must be mlp or dcgan)");
        }

        // A pack is judged as one: it gets one real/fake answer, but its m samples may be of m different classes.
        if (mode == ClassLabels.AuxiliaryClasses && spec.Discriminator.Pack > 1)
        {
            problems.Add($"{field}: the (n+1)-class discriminator names the class of each sample, and a pack of {spec.Discriminator.Pack} samples has no single class (discriminator.pack must be 1)");
        }
    }

    private static void CheckLayers(List<string> problems, string field, int[]? hidden)
    {
        if (hidden is null)
        {
            problems.Add($"{field}: a list of layer widths is required (it may be empty)");
            return;
        }

        for (var i = 0; i < hidden.Length; i++)
        {
            if (hidden[i] < 1)
            {
                problems.Add($"{field}[{i}]: a layer needs at least 1 unit (got {hidden[i]})");
            }
        }
    }

    private static void CheckOptimizer(List<string> problems, string field, OptimizerSpec o)
    {
        if (!Enum.IsDefined(o.Kind))
        {
            problems.Add($"{field}.kind: unknown optimizer {o.Kind}");
        }

        if (!(double.IsFinite(o.LearningRate) && o.LearningRate > 0))
        {
            problems.Add($"{field}.learningRate: must be positive (got {o.LearningRate})");
        }

        if (!(o.Beta1 is >= 0 and < 1))
        {
            problems.Add($"{field}.beta1: must be in [0, 1) (got {o.Beta1})");
        }

        if (!(o.Beta2 is >= 0 and < 1))
        {
            problems.Add($"{field}.beta2: must be in [0, 1) (got {o.Beta2})");
        }

        if (!(double.IsFinite(o.Epsilon) && o.Epsilon > 0))
        {
            problems.Add($"{field}.epsilon: must be positive (got {o.Epsilon})");
        }

        if (!(double.IsFinite(o.Momentum) && o.Momentum >= 0))
        {
            problems.Add($"{field}.momentum: must be non-negative (got {o.Momentum})");
        }

        if (!(double.IsFinite(o.WeightDecay) && o.WeightDecay >= 0))
        {
            problems.Add($"{field}.weightDecay: must be non-negative (got {o.WeightDecay})");
        }

        if (!(o.Alpha is > 0 and < 1))
        {
            problems.Add($"{field}.alpha: RMSprop's smoothing constant must be in (0, 1) (got {o.Alpha})");
        }
    }

    private static void CheckDevice(List<string> problems, string field, string device)
    {
        if (DeviceName.Problem(device) is { } problem)
        {
            problems.Add($"{field}: {problem}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
