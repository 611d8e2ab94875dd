using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using static OrleansGan.Core.Tests.Spec.Specs;

namespace OrleansGan.Core.Tests.Spec;

/// <summary>DCGAN players, normalisation, minibatch discrimination and packing: bad choices are refused by field.</summary>
public class NetworkChoiceValidationTests
{
    private static void AssertProblem(InvalidGameSpecException error, string field, string detail) =>
        Assert.Contains(error.Problems, p => p.StartsWith(field + ": ", StringComparison.Ordinal) && p.Contains(detail));

    [Fact]
    public void The_new_fields_default_to_todays_behaviour_and_read_in_kebab_case()
    {
        var defaults = GameSpecLoader.Load(null);
        Assert.Null(defaults.Generator.Normalization);
        Assert.Null(defaults.Discriminator.Normalization);
        Assert.Equal(new MinibatchFeaturesSpec(0, 5), defaults.Discriminator.MinibatchFeatures);
        Assert.Equal(1, defaults.Discriminator.Pack);

        var spec = GameSpecLoader.Load(null, Overrides(
            ("generator.normalization", "virtual-batch"), ("discriminator.normalization", "batch"),
            ("discriminator.minibatchFeatures.kernels", "8"), ("discriminator.pack", "4")));
        Assert.Equal(Normalization.VirtualBatch, spec.Generator.Normalization);
        Assert.Equal(Normalization.Batch, spec.Discriminator.Normalization);
        Assert.Equal(new MinibatchFeaturesSpec(8, 5), spec.Discriminator.MinibatchFeatures);
        Assert.Equal(4, spec.Discriminator.Pack);
        SpecAssert.Same(spec, GameSpecLoader.Load(null, Overrides(
            ("generator.normalization", "virtual-batch"), ("discriminator.normalization", "batch"),
            ("discriminator.minibatchFeatures.kernels", "8"), ("discriminator.pack", "4"))));
    }

    [Fact]
    public void An_unknown_normalization_is_refused_with_the_choices()
    {
        var error = Assert.ThrowsAny<Exception>(() => GameSpecLoader.Load(null, Overrides(("generator.normalization", "layer"))));
        Assert.Contains("virtual-batch", error.Message);
    }

    [Fact]
    public void Dcgan_players_need_28x28_images_and_two_channel_widths()
    {
        var error = Refused(("generator.network", "dcgan"), ("discriminator.network", "dcgan"));
        AssertProblem(error, "generator.outputSize", "784 values (got 2)");
        AssertProblem(error, "discriminator.inputSize", "784 values (got 2)");
        AssertProblem(error, "generator.hidden", "two channel widths");
        AssertProblem(error, "discriminator.hidden", "two channel widths");

        var sized = Refused(("generator.network", "dcgan"), ("generator.hidden", "[128, 64]"), ("generator.outputSize", "784"));
        Assert.DoesNotContain(sized.Problems, p => p.StartsWith("generator.hidden: ", StringComparison.Ordinal));
        Assert.DoesNotContain(sized.Problems, p => p.StartsWith("generator.outputSize: a dcgan", StringComparison.Ordinal));
    }

    [Fact]
    public void Scalar_players_cannot_normalise()
    {
        AssertProblem(Refused(("generator.network", "point-mass"), ("generator.normalization", "batch")), "generator.normalization", "point-mass");
        AssertProblem(Refused(("discriminator.network", "linear"), ("discriminator.normalization", "virtual-batch")), "discriminator.normalization", "linear");
        AssertProblem(Refused(("discriminator.network", "linear"), ("discriminator.minibatchFeatures.kernels", "2")), "discriminator.minibatchFeatures", "linear");
        AssertProblem(Refused(("discriminator.network", "linear"), ("discriminator.pack", "2")), "discriminator.pack", "linear");
    }

    [Fact]
    public void Minibatch_features_need_a_non_negative_count_and_a_positive_kernel_size()
    {
        AssertProblem(Refused(("discriminator.minibatchFeatures.kernels", "-1")), "discriminator.minibatchFeatures.kernels", "(got -1)");
        AssertProblem(Refused(("discriminator.minibatchFeatures.kernels", "4"), ("discriminator.minibatchFeatures.kernelSize", "0")),
            "discriminator.minibatchFeatures.kernelSize", "(got 0)");
    }

    [Fact]
    public void The_pack_must_divide_the_batch_and_fit_in_the_evaluation_sample()
    {
        AssertProblem(Refused(("discriminator.pack", "0")), "discriminator.pack", "(got 0)");
        AssertProblem(Refused(("discriminator.pack", "3"), ("batchSize", "32")), "discriminator.pack", "batchSize 32 must be divisible by discriminator.pack 3");
        AssertProblem(Refused(("discriminator.pack", "4"), ("batchSize", "32"), ("evaluation.samples", "3")),
            "discriminator.pack", "evaluation.samples 3 must be at least discriminator.pack 4");
        Assert.Equal(4, GameSpecLoader.Load(null, Overrides(("discriminator.pack", "4"), ("batchSize", "32"), ("evaluation.samples", "100"))).Discriminator.Pack);

        // PacGAN3 evaluates 2,500 samples: the discriminator judges the 833 whole packs of them.
        Assert.Equal(2500, GameSpecLoader.Load(null, Overrides(("discriminator.pack", "3"), ("batchSize", "300"), ("evaluation.samples", "2500"))).Evaluation.Samples);
    }
}
