using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Evaluation;
using OrleansGan.Core.Randomness;
using OrleansGan.Core.Reference;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Tensors;
using OrleansGan.Grains.Protocols;
using OrleansGan.Grains.Tests.Cluster;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>
/// Each protocol played by messages between the two player grains must make the same update as the same protocol
/// written from its paper's equation over one joint autograd graph: parameters agree to 1e-5 relative.
/// </summary>
[Collection(ClusterCollection.Name)]
public class ProtocolsMatchReferenceTests(ClusterFixture fixture)
{
    private const int Rounds = 3;
    private const double Tolerance = 1e-5;

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "two-time-scale", "non-saturating", "adam" },
        { "optimistic", "non-saturating", "adam" },
        { "optimistic", "minimax", "sgd" },
        { "extragradient", "non-saturating", "adam" },
        { "extragradient", "maximum-likelihood", "sgd" },
        { "unrolled", "non-saturating", "adam" },
        { "unrolled", "minimax", "sgd" },
        { "unrolled-stop-gradient", "non-saturating", "adam" },
        { "unrolled-stop-gradient", "maximum-likelihood", "sgd" },
        { "consensus", "non-saturating", "adam" },
        { "consensus", "minimax", "sgd" },
        { "simultaneous", "least-squares", "adam" },
        { "consensus", "hinge", "sgd" },
        { "extragradient", "wasserstein", "sgd" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Grains_and_joint_reference_make_the_same_update(string protocol, string loss, string optimizer)
    {
        var spec = Spec(protocol, loss, optimizer);
        var id = $"protocol-{protocol}-{loss}-{optimizer}";
        var (rounds, _) = await PlayOnGrainsAndReferenceAsync(id, spec);
    }

    public static TheoryData<string, string, string> ClassLabelCases() => new()
    {
        { "simultaneous", "conditional", "adam" },
        { "alternating", "conditional", "sgd" },
        { "simultaneous", "auxiliary-classes", "adam" },
        { "unrolled", "auxiliary-classes", "adam" },
        { "consensus", "auxiliary-classes", "sgd" },
    };

    [Theory]
    [MemberData(nameof(ClassLabelCases))]
    public async Task Class_label_games_on_the_ring_match_the_reference(string protocol, string classLabels, string optimizer)
    {
        var plain = Spec(protocol, "non-saturating", optimizer);
        var spec = plain with { Stabilizers = plain.Stabilizers with { ClassLabels = Enum.Parse<ClassLabels>(classLabels.Replace("-", string.Empty), ignoreCase: true) } };
        var id = $"classes-{protocol}-{classLabels}-{optimizer}";
        var (rounds, _) = await PlayOnGrainsAndReferenceAsync(id, spec);
        var generator = await fixture.Client.GetGrain<IGeneratorGrain>(PlayerRole.Generator.GrainKey(id)).GetParametersAsync();

        // The labels changed the game: the conditional generator reads 8 more inputs, the (n+1)-class D gives 9 outputs.
        var (_, unlabelled, _) = await GameRunner.PlayAsync(fixture.Client, $"{id}-off", plain);
        Assert.NotEqual(unlabelled[0].DiscriminatorLoss, rounds[0].DiscriminatorLoss);
        Assert.Equal(classLabels == "conditional" ? [16, 4 + 8] : new long[] { 16, 4 }, TensorCodecShape(generator.Values[0]));
    }

    private static long[] TensorCodecShape(TensorBytes value) => value.Shape.Select(d => (long)d).ToArray();

    /// <summary>The WGAN toolbox: clipping with RMSprop on WGAN's alternating(5,1) schedule, WGAN-GP, R1.</summary>
    public static TheoryData<string, string, string, string> StabilizedCases() => new()
    {
        { "alternating-5", "wasserstein", "rmsprop", "discriminator.weightClip=0.01" },
        { "simultaneous", "wasserstein", "rmsprop", "discriminator.weightClip=0.01" },
        { "alternating-5", "wasserstein", "adam", "stabilizers.gradientPenalty=10" },
        { "consensus", "wasserstein", "adam", "stabilizers.gradientPenalty=10" },
        { "unrolled", "wasserstein", "adam", "stabilizers.gradientPenalty=10" },
        { "simultaneous", "non-saturating", "adam", "stabilizers.r1=10" },
        { "unrolled", "non-saturating", "adam", "stabilizers.r1=10" },
        { "extragradient", "wasserstein", "rmsprop", "discriminator.weightClip=0.01" },
        { "unrolled", "wasserstein", "rmsprop", "discriminator.weightClip=0.01" },
        { "optimistic", "hinge", "sgd", "stabilizers.r1=10" },
    };

    [Theory]
    [MemberData(nameof(StabilizedCases))]
    public async Task Grains_and_joint_reference_make_the_same_stabilized_update(string protocol, string loss, string optimizer, string stabilizer)
    {
        var (field, value) = (stabilizer.Split('=')[0], stabilizer.Split('=')[1]);
        var plain = Spec(protocol, loss, optimizer);
        var spec = Spec(protocol, loss, optimizer, 3, (field, value));
        var id = $"stabilized-{protocol}-{loss}-{optimizer}-{field}";
        var (rounds, _) = await PlayOnGrainsAndReferenceAsync(id, spec);
        using var unstabilized = new ReferenceTrainer(plain);
        for (var round = 1; round <= Rounds; round++)
        {
            unstabilized.PlayRound(round);
        }

        // The stabilizer must change the game, or agreement would not show that the grains apply it.
        var generator = await fixture.Client.GetGrain<IGeneratorGrain>(PlayerRole.Generator.GrainKey(id)).GetParametersAsync();
        var discriminator = await fixture.Client.GetGrain<IDiscriminatorGrain>(PlayerRole.Discriminator.GrainKey(id)).GetParametersAsync();
        Assert.NotEqual(TensorCodec.ToArray(unstabilized.DiscriminatorParameters().Values[0]), TensorCodec.ToArray(discriminator.Values[0]));
        Assert.NotEqual(TensorCodec.ToArray(unstabilized.GeneratorParameters().Values[0]), TensorCodec.ToArray(generator.Values[0]));
    }

    /// <summary>Network-level stabilizers on the ring: each name maps to its spec overrides in <see cref="Stabilized"/>.</summary>
    public static TheoryData<string, string> StabilizerCases() => new()
    {
        { "minibatch-features", "simultaneous" },
        { "pack-2", "alternating" },
        { "pack-2", "unrolled" },
        { "virtual-batch", "simultaneous" },
        { "virtual-batch", "unrolled" },
        { "batch", "alternating" },
        { "pacgan-players-fixed-dataset", "simultaneous" },
        { "pacgan-players-fixed-dataset", "alternating" },
        { "unrolled-paper-players", "unrolled" },
        { "numerics-players-stratified", "consensus" },
    };

    [Theory]
    [MemberData(nameof(StabilizerCases))]
    public async Task Network_stabilizers_make_the_same_update_in_grains_and_reference(string stabilizer, string protocol)
    {
        var spec = Stabilized(stabilizer, protocol);
        var id = $"stabilizer-{stabilizer}-{protocol}";
        var (rounds, _) = await PlayOnGrainsAndReferenceAsync(id, spec);

        // The stabilizer must be in play: the same game without it moves differently.
        var (_, plain, _) = await GameRunner.PlayAsync(fixture.Client, $"{id}-off", Spec(protocol, "non-saturating", "adam"));
        Assert.NotEqual(plain[0].DiscriminatorLoss, rounds[0].DiscriminatorLoss);
    }

    [Fact]
    public async Task Label_smoothing_reaches_the_discriminator_grain_and_matches_the_reference()
    {
        var smoothed = Spec("simultaneous", "non-saturating", "adam") with { Stabilizers = new StabilizerSpec(0.9) };
        var (_, rounds, _) = await GameRunner.PlayAsync(fixture.Client, "smoothed", smoothed);
        var (_, plain, _) = await GameRunner.PlayAsync(fixture.Client, "smoothed-off", Spec("simultaneous", "non-saturating", "adam"));
        Assert.NotEqual(plain[0].DiscriminatorLoss, rounds[0].DiscriminatorLoss);

        using var reference = new ReferenceTrainer(smoothed);
        for (var round = 1; round <= Rounds; round++)
        {
            var expected = reference.PlayRound(round).DiscriminatorLoss;
            Assert.True(Math.Abs(expected - rounds[round - 1].DiscriminatorLoss) <= Tolerance * Math.Abs(expected));
        }

        ParameterAssert.Close(reference.DiscriminatorParameters(),
            await fixture.Client.GetGrain<IDiscriminatorGrain>("smoothed/discriminator").GetParametersAsync(), Tolerance);
    }

    [Fact]
    public async Task Unrolling_zero_steps_is_the_ordinary_simultaneous_update()
    {
        var unrolled = Spec("unrolled", "non-saturating", "adam", unrollSteps: 0);
        var simultaneous = Spec("simultaneous", "non-saturating", "adam");
        await GameRunner.PlayAsync(fixture.Client, "unrolled-zero", unrolled);
        await GameRunner.PlayAsync(fixture.Client, "simultaneous-for-unrolled-zero", simultaneous);
        var unrolledPlayers = PlayerPair.Of(fixture.Client, "unrolled-zero");
        var simultaneousPlayers = PlayerPair.Of(fixture.Client, "simultaneous-for-unrolled-zero");
        foreach (var (unrolledPlayer, simultaneousPlayer) in new (IPlayerGrain, IPlayerGrain)[]
                 { (unrolledPlayers.Generator, simultaneousPlayers.Generator), (unrolledPlayers.Discriminator, simultaneousPlayers.Discriminator) })
        {
            var a = await unrolledPlayer.GetParametersAsync();
            var b = await simultaneousPlayer.GetParametersAsync();
            for (var i = 0; i < a.Values.Count; i++)
            {
                Assert.Equal(TensorCodec.ToArray(b.Values[i]), TensorCodec.ToArray(a.Values[i]));
            }
        }
    }

    [Fact]
    public async Task Unrolling_changes_the_update()
    {
        var unrolled = Spec("unrolled", "non-saturating", "adam", unrollSteps: 3);
        var simultaneous = Spec("simultaneous", "non-saturating", "adam");
        await GameRunner.PlayAsync(fixture.Client, "unrolled-three", unrolled);
        await GameRunner.PlayAsync(fixture.Client, "simultaneous-for-unrolled-three", simultaneous);
        var a = await fixture.Client.GetGrain<IGeneratorGrain>("unrolled-three/generator").GetParametersAsync();
        var b = await fixture.Client.GetGrain<IGeneratorGrain>("simultaneous-for-unrolled-three/generator").GetParametersAsync();
        Assert.NotEqual(TensorCodec.ToArray(b.Values[0]), TensorCodec.ToArray(a.Values[0]));
    }

    public static TheoryData<string, string> EnergyAndNoiseCases() => new()
    {
        { "simultaneous", "ebgan" },
        { "alternating", "ebgan" },
        { "unrolled", "ebgan" },
        { "unrolled-stop-gradient", "ebgan-pt" },
        { "consensus", "ebgan-pt" },
        { "simultaneous", "noise" },
        { "alternating", "annealed-noise" },
        { "extragradient", "annealed-noise" },
        { "unrolled", "noise" },
        { "consensus", "noise" },
        { "unrolled", "ebgan-pt-noise" },
        { "simultaneous", "conditional-noise" },
        { "consensus", "auxiliary-classes-noise" },
        { "alternating", "penalties-noise" },
        { "unrolled", "penalties-noise" },
    };

    /// <summary>
    /// EBGAN (the autoencoder's energies, the margin loss, the pulling-away term) and instance noise (constant, and
    /// annealed to 0 within the game) played by the grains make the reference's update: the noise is drawn from the
    /// discriminator's stream in the same order on both sides.
    /// </summary>
    [Theory]
    [MemberData(nameof(EnergyAndNoiseCases))]
    public async Task Energy_and_noise_games_make_the_reference_update(string protocol, string variant)
    {
        var spec = EnergyOrNoise(protocol, variant);
        var id = $"stabilized-{protocol}-{variant}";
        await PlayOnGrainsAndReferenceAsync(id, spec);
    }

    [Fact]
    public async Task Instance_noise_reaches_the_discriminator_grain_and_stops_once_annealed()
    {
        var plain = Spec("simultaneous", "non-saturating", "adam");
        var noisy = plain with { Stabilizers = plain.Stabilizers with { InstanceNoise = new InstanceNoiseSpec(0.5, 2) } };
        var (_, withNoise, _) = await GameRunner.PlayAsync(fixture.Client, "noise-reaches", noisy);
        var (_, without, _) = await GameRunner.PlayAsync(fixture.Client, "noise-reaches-off", plain);

        // Round 1 is noisy (sigma = 0.25); the players have then moved apart, so later rounds differ too.
        Assert.NotEqual(without[0].DiscriminatorLoss, withNoise[0].DiscriminatorLoss);
        Assert.NotEqual(without[0].GeneratorLoss, withNoise[0].GeneratorLoss);
    }

    [Theory]
    [InlineData("alternating")]
    [InlineData("unrolled")]
    public async Task On_mnist_the_grains_match_the_reference_and_evaluate_with_the_classifier(string protocol)
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "mnist",
            ["seed"] = "9",
            ["rounds"] = Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["batchSize"] = "16",
            ["protocol.kind"] = protocol,
            ["protocol.unrollSteps"] = "2",
            ["data.kind"] = "mnist",
            ["generator.outputSize"] = "784",
            ["discriminator.inputSize"] = "784",
            ["generator.hidden"] = "[32]",
            ["discriminator.hidden"] = "[32]",
            ["evaluation.samples"] = "100",
        });
        var id = $"protocol-mnist-{protocol}";
        var (_, evaluations) = await PlayOnGrainsAndReferenceAsync(id, spec);
        Assert.Equal([0, Rounds], evaluations.Select(e => e.Round));
        Assert.All(evaluations, e =>
        {
            Assert.Equal(1.0, e.ClassShares!.Sum(), 9);
            Assert.True(double.IsFinite(e.FrechetDistance!.Value));
            Assert.Equal(EvaluationRecord.GridSamples * 784, e.SampleGrid!.Length);
            Assert.Equal(0, e.Samples.ElementCount);
        });
    }

    /// <summary>
    /// DCGAN players on digits, plain and with class labels: G(z, y) with a wider dense first layer, D(x, y) reading y
    /// as class channels (here judging packs of two), the (n+1)-class D with eleven logits.
    /// </summary>
    [Theory]
    [InlineData("alternating", "none")]
    [InlineData("simultaneous", "conditional")]
    [InlineData("alternating", "auxiliary-classes")]
    public async Task Dcgan_players_on_mnist_match_the_reference_with_and_without_class_labels(string protocol, string classLabels)
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "dcgan-mnist",
            ["seed"] = "13",
            ["rounds"] = Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["batchSize"] = "8",
            ["protocol.kind"] = protocol,
            ["protocol.discriminatorSteps"] = protocol == "alternating" ? "2" : "1",
            ["data.kind"] = "mnist",
            ["stabilizers.classLabels"] = classLabels,
            ["generator.network"] = "dcgan",
            ["generator.latentSize"] = "16",
            ["generator.hidden"] = "[8, 4]",
            ["generator.outputSize"] = "784",
            ["discriminator.network"] = "dcgan",
            ["discriminator.hidden"] = "[4, 8]",
            ["discriminator.inputSize"] = "784",
            ["discriminator.pack"] = classLabels == "conditional" ? "2" : "1",
            ["generator.optimizer.learningRate"] = "2e-4",
            ["generator.optimizer.beta1"] = "0.5",
            ["discriminator.optimizer.learningRate"] = "2e-4",
            ["discriminator.optimizer.beta1"] = "0.5",
            ["evaluation.samples"] = "100",
        });
        var id = $"protocol-dcgan-mnist-{protocol}-{classLabels}";
        var (_, evaluations) = await PlayOnGrainsAndReferenceAsync(id, spec);
        var generator = await fixture.Client.GetGrain<IGeneratorGrain>(PlayerRole.Generator.GrainKey(id)).GetParametersAsync();
        var discriminator = await fixture.Client.GetGrain<IDiscriminatorGrain>(PlayerRole.Discriminator.GrainKey(id)).GetParametersAsync();

        // The labels reached the networks: z beside a one-hot y, 2 x (1 + 10) input channels, 11 logits.
        Assert.Equal([8L * 49, 16 + (classLabels == "conditional" ? 10 : 0)], TensorCodecShape(generator.Values[0]));
        Assert.Equal(classLabels == "conditional" ? [4, 22, 4, 4] : new long[] { 4, 1, 4, 4 }, TensorCodecShape(discriminator.Values[0]));
        Assert.Equal(classLabels == "auxiliary-classes" ? 11 : 1, TensorCodecShape(discriminator.Values[^1])[0]);

        // Only a conditional generator's samples are asked for classes, so only it has a class accuracy.
        Assert.Equal([0, Rounds], evaluations.Select(e => e.Round));
        Assert.All(evaluations, e =>
        {
            Assert.Equal(1.0, e.ClassShares!.Sum(), 9);
            Assert.True(double.IsFinite(e.FrechetDistance!.Value));
            if (classLabels != "conditional")
            {
                Assert.Null(e.ClassAccuracy);
            }
        });
        if (classLabels == "conditional")
        {
            // Recomputed from the final generator's evaluation sample: sample i was asked for digit i mod 10.
            var samples = TensorCodec.ToArray(await fixture.Client.GetGrain<IGeneratorGrain>(PlayerRole.Generator.GrainKey(id))
                .SampleAsync(spec.Evaluation.Samples, PlayerSeeds.EvaluationNoise(spec.Seed)));
            var (probabilities, _) = DigitClassifier.For(MnistDigits.For(spec.Data)).Classify(samples);
            var hits = Enumerable.Range(0, spec.Evaluation.Samples).Count(i =>
                Array.IndexOf(probabilities, probabilities.Skip(i * 10).Take(10).Max(), i * 10, 10) - (i * 10) == i % 10);
            Assert.Equal((double)hits / spec.Evaluation.Samples, evaluations[^1].ClassAccuracy!.Value, 12);
        }
    }

    /// <summary>
    /// Plays <paramref name="spec"/> on the grains as game <paramref name="id"/> and on the joint reference trainer, and
    /// asserts that every round's J_D, J_G and mean scores and both players' final parameters agree to
    /// <see cref="Tolerance"/>. Returns the grain game's rounds and evaluations.
    /// </summary>
    private async Task<(IReadOnlyList<RoundRecord> Rounds, IReadOnlyList<EvaluationRecord> Evaluations)> PlayOnGrainsAndReferenceAsync(string id, GameSpec spec)
    {
        var (last, rounds, evaluations) = await GameRunner.PlayAsync(fixture.Client, id, spec);
        Assert.True(last.State == GameState.Finished, last.Error);

        using var reference = new ReferenceTrainer(spec);
        for (var round = 1; round <= Rounds; round++)
        {
            var expected = reference.PlayRound(round);
            var actual = rounds[round - 1];
            foreach (var (name, e, a) in new[]
            {
                ("J_D", expected.DiscriminatorLoss, actual.DiscriminatorLoss), ("J_G", expected.GeneratorLoss, actual.GeneratorLoss),
                ("mean real score", expected.MeanRealScore, actual.MeanRealScore), ("mean fake score", expected.MeanFakeScore, actual.MeanFakeScore),
            })
            {
                Assert.True(Math.Abs(e - a) <= Tolerance * Math.Abs(e), $"{name} at round {round}: reference {e:R}, grains {a:R}");
            }
        }

        ParameterAssert.Close(reference.GeneratorParameters(), await fixture.Client.GetGrain<IGeneratorGrain>(PlayerRole.Generator.GrainKey(id)).GetParametersAsync(), Tolerance);
        ParameterAssert.Close(reference.DiscriminatorParameters(), await fixture.Client.GetGrain<IDiscriminatorGrain>(PlayerRole.Discriminator.GrainKey(id)).GetParametersAsync(), Tolerance);
        return (rounds, evaluations);
    }

    private static GameSpec EnergyOrNoise(string protocol, string variant)
    {
        var spec = Spec(protocol, "non-saturating", "adam");
        var ebgan = spec with
        {
            Loss = LossKind.EnergyBased,
            Discriminator = spec.Discriminator with { Network = DiscriminatorNetwork.Autoencoder, Hidden = [16, 4], Margin = 2 },
        };
        var noise = new InstanceNoiseSpec(0.3, 0);
        var annealed = new InstanceNoiseSpec(0.3, 2);
        spec = variant switch
        {
            "ebgan" => ebgan,
            "ebgan-pt" => ebgan with { Stabilizers = ebgan.Stabilizers with { PullAway = 0.1 } },
            "ebgan-pt-noise" => ebgan with { Stabilizers = ebgan.Stabilizers with { PullAway = 0.1, InstanceNoise = noise } },
            "noise" => spec with { Stabilizers = spec.Stabilizers with { InstanceNoise = noise } },
            "annealed-noise" => spec with { Stabilizers = spec.Stabilizers with { InstanceNoise = annealed } },
            "conditional-noise" => spec with { Stabilizers = spec.Stabilizers with { InstanceNoise = noise, ClassLabels = ClassLabels.Conditional } },
            "auxiliary-classes-noise" => spec with { Stabilizers = spec.Stabilizers with { InstanceNoise = annealed, ClassLabels = ClassLabels.AuxiliaryClasses } },
            "penalties-noise" => spec with { Stabilizers = spec.Stabilizers with { InstanceNoise = annealed, GradientPenalty = 10, R1 = 1 } },
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown variant"),
        };
        if (protocol == "alternating")
        {
            spec = spec with { Protocol = spec.Protocol with { DiscriminatorSteps = 2 } };
        }

        GameSpecValidator.ThrowIfInvalid(spec);
        return spec;
    }

    private static GameSpec Stabilized(string stabilizer, string protocol) => Spec(protocol, "non-saturating", "adam", more: stabilizer switch
    {
        "minibatch-features" => [("discriminator.minibatchFeatures.kernels", "4"), ("discriminator.minibatchFeatures.kernelSize", "3")],
        "pack-2" => [("discriminator.pack", "2")],
        "virtual-batch" => [("generator.normalization", "virtual-batch"), ("discriminator.normalization", "virtual-batch")],
        "batch" => [("generator.normalization", "batch"), ("discriminator.normalization", "batch")],

        // The papers' 2-d recipes in miniature: PacGAN's maxout D on packs and bias-free batch-normalised G with N(0, 0.02)
        // weights on a fixed dataset of 50 samples (the second round's minibatch runs into the second pass); the Unrolled
        // GAN paper's orthogonal weights and D input scale; the Numerics of GANs' Glorot weights on stratified minibatches.
        "pacgan-players-fixed-dataset" =>
        [
            ("discriminator.maxoutPieces", "3"), ("discriminator.pack", "2"), ("discriminator.initialization.scheme", "normal"),
            ("generator.normalization", "batch"), ("generator.hiddenBias", "false"), ("generator.initialization.scheme", "normal"),
            ("data.size", "50"), ("data.radius", "1"), ("data.std", "0.01"),
        ],
        "unrolled-paper-players" =>
        [
            ("generator.initialization.scheme", "orthogonal"), ("generator.initialization.gain", "0.8"),
            ("discriminator.initialization.scheme", "orthogonal"), ("discriminator.initialization.gain", "0.8"),
            ("discriminator.inputScale", "0.25"),
        ],
        "numerics-players-stratified" =>
        [
            ("generator.initialization.scheme", "glorot-uniform"), ("discriminator.initialization.scheme", "glorot-uniform"),
            ("data.stratified", "true"), ("data.radius", "1"), ("data.std", "0.01"),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(stabilizer), stabilizer, "no such case"),
    });

    private static GameSpec Spec(string protocol, string loss, string optimizer, int unrollSteps = 3, params (string Field, string Value)[] more) =>
        GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "protocols",
            ["seed"] = "5",
            ["rounds"] = Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["batchSize"] = "32",
            ["loss"] = loss,
            ["protocol.kind"] = protocol == "alternating-5" ? "alternating" : protocol,
            ["protocol.discriminatorSteps"] = protocol == "alternating-5" ? "5" : "1",
            ["protocol.unrollSteps"] = unrollSteps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["protocol.consensusWeight"] = "0.5",
            ["generator.hidden"] = "[16, 16]",
            ["discriminator.hidden"] = "[16, 16]",
            ["generator.optimizer.kind"] = optimizer,
            ["discriminator.optimizer.kind"] = optimizer,
            ["generator.optimizer.momentum"] = optimizer == "sgd" ? "0.5" : "0",
            ["discriminator.optimizer.momentum"] = optimizer == "sgd" ? "0.5" : "0",
            ["generator.optimizer.learningRate"] = optimizer == "sgd" ? "0.05" : "1e-3",
            ["discriminator.optimizer.learningRate"] = protocol == "two-time-scale" ? "4e-3" : optimizer == "sgd" ? "0.05" : "1e-3",
            ["evaluation.every"] = "1000",
            ["evaluation.samples"] = "50",
        }.Concat(more.Select(m => KeyValuePair.Create(m.Field, m.Value))));
}
