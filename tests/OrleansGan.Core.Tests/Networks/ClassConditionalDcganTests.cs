using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Players;
using OrleansGan.Core.Spec;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace OrleansGan.Core.Tests.Networks;

/// <summary>
/// Class labels with the DCGAN players on digits: G(z, y) reads [z, onehot(y)] with a wider dense first layer, D(x, y)
/// sees y as ten constant class channels beside the image, and the (n+1)-class D gives eleven logits.
/// </summary>
public class ClassConditionalDcganTests
{
    private const int Digits = 10;

    public ClassConditionalDcganTests() => TorchRuntime.EnsureLoaded();

    private static GameSpec Mnist(ClassLabels mode, int pack = 1, int kernels = 0, Normalization? normalization = null)
    {
        var spec = DcganSpecs.Load();
        return spec with
        {
            Data = new DataSpec(DataKind.Mnist),
            Generator = spec.Generator with { Hidden = [8, 4], LatentSize = 6, Normalization = normalization },
            Discriminator = spec.Discriminator with { Hidden = [4, 8], Pack = pack, Normalization = normalization, MinibatchFeatures = new MinibatchFeaturesSpec(kernels, 3) },
            Stabilizers = spec.Stabilizers with { ClassLabels = mode },
            Evaluation = spec.Evaluation with { Samples = 100 },
        };
    }

    private static PlayerNetwork Generator(GameSpec spec, ulong seed = 1)
    {
        var network = ClassConditioning.Generator(spec.Generator, ClassConditioning.Classes(spec));
        using var stream = new Generator(seed);
        network.Initialize(stream, null);
        return network;
    }

    private static PlayerNetwork Discriminator(GameSpec spec, ulong seed = 2)
    {
        var costs = new ClassLabelCosts(GanLoss.For(spec.Loss), spec.Stabilizers.ClassLabels, Digits);
        var network = ClassConditioning.Discriminator(spec.Discriminator, ClassConditioning.Classes(spec), costs.Outputs);
        using var stream = new Generator(seed);
        network.Initialize(stream, null);
        return network;
    }

    private static Tensor Labels(params long[] classes) => tensor(classes);

    [Fact]
    public void The_conditional_generator_widens_only_its_dense_first_layer_and_its_images_depend_on_the_class()
    {
        using var scope = NewDisposeScope();
        var spec = Mnist(ClassLabels.Conditional);
        using var g = Generator(spec);

        Assert.Equal([8L * 49, 6 + Digits], g.parameters().First().shape);
        using var stream = new Generator(3);
        var z = randn([4, 6], generator: stream);
        var asThrees = g.call(ClassConditioning.Input(z, Labels(3, 3, 3, 3), Digits));
        var asSevens = g.call(ClassConditioning.Input(z, Labels(7, 7, 7, 7), Digits));

        Assert.Equal([4L, 784], asThrees.shape);
        Assert.True(asThrees.abs().max().ToDouble() <= 1);
        Assert.True((asThrees - asSevens).abs().max().ToDouble() > 1e-6, "the same z asked for another class made the same images");
    }

    [Fact]
    public void The_class_channels_are_the_image_then_one_plane_per_class_all_ones_for_the_samples_class()
    {
        using var scope = NewDisposeScope();
        using var stream = new Generator(4);
        var x = (rand([3, 784], generator: stream) * 2) - 1;
        var y = Labels(0, 4, 9);
        using var layer = new ClassChannels(Digits);

        var (maps, _) = layer.Apply(ClassConditioning.Input(x, y, Digits), null, new ParameterCursor([]));

        Assert.Equal([3L, 1 + Digits, 28, 28], maps.shape);
        Assert.Equal(0, (maps.narrow(1, 0, 1).reshape(3, 784) - x).abs().max().ToDouble());
        for (var s = 0; s < 3; s++)
        {
            for (var k = 0; k < Digits; k++)
            {
                var plane = maps[s, 1 + k];
                var expected = k == y[s].ToInt64() ? 1.0 : 0.0;
                Assert.Equal(expected, plane.min().ToDouble());
                Assert.Equal(expected, plane.max().ToDouble());
            }
        }
    }

    [Fact]
    public void A_flat_input_without_its_one_hot_is_refused_before_torch_sees_it()
    {
        using var scope = NewDisposeScope();
        using var layer = new ClassChannels(Digits);
        var error = Assert.Throws<ArgumentException>(() => layer.Apply(zeros(2, 784), null, new ParameterCursor([])));
        Assert.Contains("[batch, 784 + 10]", error.Message);
    }

    [Fact]
    public void The_conditional_discriminator_reads_eleven_channels_and_its_logit_depends_on_the_class()
    {
        using var scope = NewDisposeScope();
        var spec = Mnist(ClassLabels.Conditional);
        using var d = Discriminator(spec);

        Assert.Equal([4L, 1 + Digits, 4, 4], d.parameters().First().shape);
        Assert.IsType<ClassChannels>(((LayeredNetwork)d).Layers[0]);
        using var stream = new Generator(5);
        var x = ((rand([4, 784], generator: stream) * 2) - 1).requires_grad_(true);
        var right = d.call(ClassConditioning.Input(x, Labels(1, 2, 3, 4), Digits));
        var wrong = d.call(ClassConditioning.Input(x, Labels(5, 6, 7, 8), Digits));

        Assert.Equal([4L, 1], right.shape);
        Assert.True((right - wrong).abs().min().ToDouble() > 0, "some sample's logit did not change with its class");

        // x stays a leaf of its own: the gradient message is [batch, 784], as for an unconditional discriminator.
        var gradient = Gradients.Of(right.sum(), [x])[0];
        Assert.Equal([4L, 784], gradient.shape);
        Assert.True(gradient.abs().sum().ToDouble() > 0);
    }

    [Fact]
    public void A_conditional_pack_stacks_each_samples_image_and_class_planes_and_judges_the_pack_once()
    {
        using var scope = NewDisposeScope();
        var packed = Mnist(ClassLabels.Conditional, pack: 2, normalization: Normalization.None);
        using var d = Discriminator(packed);
        Assert.Equal([4L, 2 * (1 + Digits), 4, 4], d.parameters().First().shape);

        using var stream = new Generator(6);
        var x = (rand([6, 784], generator: stream) * 2) - 1;
        var y = Labels(0, 1, 2, 3, 4, 5);
        var input = ClassConditioning.Input(x, y, Digits);
        var own = d.parameters().Cast<Tensor>().ToList();
        var logits = d.call(input);
        Assert.Equal([3L, 1], logits.shape);
        Assert.True(logits.allclose(d.ForwardWith(input, own)));

        // The pack's first convolution is one over the two samples' eleven maps each, side by side.
        var first = own[0];
        var maps = cat([ClassMaps(x, y, 0), ClassMaps(x, y, 1)], 1);
        var expected = leaky_relu(conv2d(maps, first, own[1], strides: [2, 2], padding: [1, 1]), 0.2);
        var actual = ((LayeredNetwork)d).Layers.Take(4).Aggregate((Output: input, Reference: (Tensor?)null),
            (state, layer) => layer.Apply(state.Output, null, new ParameterCursor(layer.parameters().Cast<Tensor>().ToList()))).Output;
        Assert.True(expected.allclose(actual, rtol: 1e-5, atol: 1e-6));

        // Swapping the classes of the two samples of a pack changes its judgement.
        var swapped = d.call(ClassConditioning.Input(x, Labels(1, 0, 2, 3, 4, 5), Digits));
        Assert.NotEqual(logits[0, 0].ToDouble(), swapped[0, 0].ToDouble());
        Assert.Equal(logits[1, 0].ToDouble(), swapped[1, 0].ToDouble(), 6);
    }

    // The image and class planes of every pack's sample at position `slot`, [packs, 11, 28, 28].
    private static Tensor ClassMaps(Tensor x, Tensor y, int slot)
    {
        var index = arange(slot, x.shape[0], 2, dtype: ScalarType.Int64);
        var images = x.index_select(0, index).reshape(-1, 1, 28, 28);
        var planes = one_hot(y.index_select(0, index), Digits).to(x.dtype).reshape(-1, Digits, 1, 1).expand(-1, Digits, 28, 28);
        return cat([images, planes], 1);
    }

    [Theory]
    [InlineData(Normalization.Batch, 0)]
    [InlineData(Normalization.VirtualBatch, 2)]
    public void The_n_plus_1_class_discriminator_gives_eleven_logits_from_its_last_dense_layer(Normalization normalization, int kernels)
    {
        using var scope = NewDisposeScope();
        var spec = Mnist(ClassLabels.AuxiliaryClasses, kernels: kernels, normalization: normalization);
        using var d = Discriminator(spec);
        if (d.UsesReferenceBatch)
        {
            using var stream = new Generator(8);
            d.SetReferenceBatch((rand([6, 784], generator: stream) * 2) - 1);
        }

        Assert.Equal([4L, 1, 4, 4], d.parameters().First().shape);
        var last = d.parameters().ToList();
        Assert.Equal([Digits + 1L, (8 * 49) + kernels], last[^2].shape);
        Assert.Equal([Digits + 1L], last[^1].shape);
        using var draws = new Generator(7);
        var x = (rand([6, 784], generator: draws) * 2) - 1;
        var output = d.call(x);
        Assert.Equal([6L, Digits + 1], output.shape);

        // Every one of the eleven logits is a different function of the image.
        var columns = Enumerable.Range(0, Digits + 1).Select(k => output[.., k]).ToList();
        Assert.All(columns.Skip(1), c => Assert.False(c.allclose(columns[0])));
    }

    [Theory]
    [InlineData(ClassLabels.None, 1, 0)]
    [InlineData(ClassLabels.Conditional, 1, 0)]
    [InlineData(ClassLabels.Conditional, 2, 2)]
    [InlineData(ClassLabels.AuxiliaryClasses, 1, 2)]
    public void The_validator_accepts_the_game_and_counts_the_parameters_the_networks_have(ClassLabels mode, int pack, int kernels)
    {
        var spec = Mnist(mode, pack, kernels);
        Assert.Empty(GameSpecValidator.Problems(spec));
        using var g = Generator(spec);
        using var d = Discriminator(spec);
        Assert.Equal(g.parameters().Sum(p => p.numel()) + d.parameters().Sum(p => p.numel()), GameSpecValidator.ParameterCount(spec));
    }
}
