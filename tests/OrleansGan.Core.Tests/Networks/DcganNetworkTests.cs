using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Players;
using OrleansGan.Core.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Networks;

/// <summary>The DCGAN players for 28x28 images: flat samples in and out, the paper's layers and initialisation.</summary>
public class DcganNetworkTests
{
    public DcganNetworkTests() => TorchRuntime.EnsureLoaded();

    private static GeneratorSpec GeneratorSpec(Normalization? normalization = null) =>
        DcganSpecs.Load().Generator with { Hidden = [8, 4], Normalization = normalization };

    private static DiscriminatorSpec DiscriminatorSpec(Normalization? normalization = null, int pack = 1, int kernels = 0) =>
        DcganSpecs.Load().Discriminator with
        {
            Hidden = [4, 8],
            Normalization = normalization,
            Pack = pack,
            MinibatchFeatures = new MinibatchFeaturesSpec(kernels, 3),
        };

    [Fact]
    public void The_generator_makes_flat_images_in_tanh_range_and_the_discriminator_judges_them_with_one_logit()
    {
        using var scope = NewDisposeScope();
        using var g = Built(GeneratorSpec());
        using var d = Built(DiscriminatorSpec());
        using var stream = new Generator(3);
        var x = g.call(randn([5, DcganSpecs.Load().Generator.LatentSize], generator: stream));
        Assert.Equal([5L, 784L], x.shape);
        Assert.True(x.abs().max().ToDouble() <= 1);
        Assert.Equal([5L, 1L], d.call(x).shape);
    }

    [Fact]
    public void The_layers_are_radfords_batch_normalised_except_the_generator_output_and_the_discriminator_input()
    {
        using var g = (LayeredNetwork)Built(GeneratorSpec());
        using var d = (LayeredNetwork)Built(DiscriminatorSpec());
        Assert.Equal(
            ["DenseLayer", "ReshapeLayer", "FeatureNormalization", "ActivationLayer", "TransposedConvolutionLayer", "FeatureNormalization",
                "ActivationLayer", "TransposedConvolutionLayer", "ActivationLayer", "ReshapeLayer"],
            g.Layers.Select(l => l.GetType().Name));
        Assert.Equal(
            ["ReshapeLayer", "ConvolutionLayer", "ActivationLayer", "ConvolutionLayer", "FeatureNormalization", "ActivationLayer", "ReshapeLayer", "DenseLayer"],
            d.Layers.Select(l => l.GetType().Name));
        Assert.All(g.Layers.OfType<FeatureNormalization>().Concat(d.Layers.OfType<FeatureNormalization>()), n => Assert.Equal(Normalization.Batch, n.Mode));
        Assert.Equal([8L * 49, 100], g.parameters().First().shape);
        Assert.Equal([4L, 1, 4, 4], d.parameters().First().shape);
    }

    [Fact]
    public void Normalization_none_leaves_out_every_normalisation_layer()
    {
        using var g = (LayeredNetwork)Built(GeneratorSpec(Normalization.None));
        using var d = (LayeredNetwork)Built(DiscriminatorSpec(Normalization.None));
        Assert.Empty(g.Layers.OfType<FeatureNormalization>());
        Assert.Empty(d.Layers.OfType<FeatureNormalization>());
    }

    [Fact]
    public void Weights_are_drawn_from_the_players_stream_with_the_dcgan_scale_and_never_from_the_global_stream()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(77);
        var before = rand(4).data<float>().ToArray();
        random.manual_seed(77);
        using var a = Built(GeneratorSpec(), seed: 9);
        using var b = Built(GeneratorSpec(), seed: 9);
        Assert.Equal(before, rand(4).data<float>().ToArray());

        var aw = a.parameters().Select(p => p.detach().clone()).ToList();
        var bw = b.parameters().Select(p => p.detach().clone()).ToList();
        for (var i = 0; i < aw.Count; i++)
        {
            Assert.True(aw[i].eq(bw[i]).all().ToBoolean());
        }

        // The dense layer's 8*49*4 weights are N(0, 0.02), its biases 0; the normalisation scales N(1, 0.02).
        var std = aw[0].std().ToDouble();
        Assert.InRange(std, 0.017, 0.023);
        Assert.Equal(0, aw[1].abs().sum().ToDouble());
        Assert.InRange(aw[2].mean().ToDouble(), 0.95, 1.05);
    }

    [Theory]
    [InlineData(Normalization.Batch, 1, 0)]
    [InlineData(Normalization.VirtualBatch, 1, 0)]
    [InlineData(Normalization.None, 2, 3)]
    public void ForwardWith_the_networks_own_parameters_is_the_forward_pass_and_other_parameters_change_it(Normalization normalization, int pack, int kernels)
    {
        using var scope = NewDisposeScope();
        using var d = Built(DiscriminatorSpec(normalization, pack, kernels));
        using var stream = new Generator(4);
        var x = (rand([6, 784], generator: stream) * 2) - 1;
        var own = d.parameters().Cast<Tensor>().ToList();
        Assert.True(d.call(x).allclose(d.ForwardWith(x, own)));

        // Look-ahead parameters are functions of the originals: the logits must follow them and be differentiable in them.
        var shifted = own.Select(p => p * 1.5).ToList();
        var logits = d.ForwardWith(x, shifted);
        Assert.False(logits.allclose(d.call(x)));
        var gradients = Gradients.Of(logits.sum(), own);
        Assert.All(gradients, g => Assert.True(g.abs().sum().ToDouble() > 0));
    }

    [Fact]
    public void ForwardWith_refuses_a_parameter_list_of_the_wrong_length()
    {
        using var scope = NewDisposeScope();
        using var g = Built(GeneratorSpec());
        var own = g.parameters().Cast<Tensor>().ToList();
        var z = zeros(2, DcganSpecs.Load().Generator.LatentSize);
        Assert.Throws<ArgumentException>(() => g.ForwardWith(z, own.Take(own.Count - 1).ToList()));
        Assert.Throws<ArgumentException>(() => g.ForwardWith(z, [.. own, own[0]]));
    }

    [Fact]
    public void The_validator_counts_the_parameters_the_networks_have()
    {
        var spec = DcganSpecs.Load() with
        {
            Generator = GeneratorSpec(),
            Discriminator = DiscriminatorSpec(kernels: 2),
        };
        using var g = PlayerNetworks.Generator(spec.Generator);
        using var d = PlayerNetworks.Discriminator(spec.Discriminator);
        Assert.Equal(g.parameters().Sum(p => p.numel()) + d.parameters().Sum(p => p.numel()), GameSpecValidator.ParameterCount(spec));
    }

    private static PlayerNetwork Built(GeneratorSpec spec, ulong seed = 1)
    {
        var network = PlayerNetworks.Generator(spec);
        using var stream = new Generator(seed);
        PlayerNetworks.Prepare(network, spec, 6, stream);
        return network;
    }

    private static PlayerNetwork Built(DiscriminatorSpec spec, ulong seed = 2)
    {
        var network = PlayerNetworks.Discriminator(spec);
        using var stream = new Generator(seed);
        network.Initialize(stream, null);
        if (network.UsesReferenceBatch)
        {
            network.SetReferenceBatch((rand([6, 784], generator: stream) * 2) - 1);
        }

        return network;
    }
}
