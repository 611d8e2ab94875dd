using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Networks;

/// <summary>Batch normalisation couples the samples of a minibatch; virtual batch normalisation does not.</summary>
public class NormalizationTests
{
    private const double Epsilon = 1e-5;

    public NormalizationTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Batch_normalisation_uses_the_minibatch_mean_and_biased_variance()
    {
        using var scope = NewDisposeScope();
        var layer = new FeatureNormalization(1, Normalization.Batch);
        var (y, _) = layer.Apply(tensor(new double[,] { { 1 }, { 3 }, { 5 } }), null, new ParameterCursor([tensor(new[] { 2.0 }), tensor(new[] { 0.5 })]));
        var scale = Math.Sqrt((8.0 / 3) + Epsilon);
        Assert.Equal([(2 * -2 / scale) + 0.5, 0.5, (2 * 2 / scale) + 0.5], y.flatten().data<double>().ToArray(), new ToleranceComparer(1e-9));
    }

    [Fact]
    public void Virtual_batch_normalisation_mixes_the_reference_statistics_with_the_sample_by_one_over_n_plus_one()
    {
        using var scope = NewDisposeScope();
        var layer = new FeatureNormalization(1, Normalization.VirtualBatch);
        var reference = tensor(new double[,] { { 1 }, { 3 } });
        var (y, r) = layer.Apply(tensor(new double[,] { { 5 } }), reference, new ParameterCursor([tensor(new[] { 1.0 }), tensor(new[] { 0.0 })]));

        // Reference mean 2, mean square 5; with the sample (weight 1/3): mean 3, mean square 35/3, variance 8/3.
        Assert.Equal(2 / Math.Sqrt((8.0 / 3) + Epsilon), y.ToDouble(), 9);

        // The reference batch itself is normalised with its own statistics (mean 2, variance 1).
        Assert.Equal([-1 / Math.Sqrt(1 + Epsilon), 1 / Math.Sqrt(1 + Epsilon)], r!.flatten().data<double>().ToArray(), new ToleranceComparer(1e-9));
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("dcgan")]
    public void With_virtual_batch_normalisation_a_sample_is_the_same_alone_and_inside_any_minibatch(string network)
    {
        using var scope = NewDisposeScope();
        using var g = Generator(network, Normalization.VirtualBatch);
        using var stream = new Generator(21);
        var z = randn([7, LatentSize(network)], generator: stream);
        var inBatch = g.call(z)[3];
        var alone = g.call(z[3..4])[0];
        var withOthers = g.call(cat([z[3..4], randn([4, LatentSize(network)], generator: stream) * 3], 0))[0];
        Assert.True(inBatch.allclose(alone, rtol: 1e-5, atol: 1e-6));
        Assert.True(withOthers.allclose(alone, rtol: 1e-5, atol: 1e-6));
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("dcgan")]
    public void With_batch_normalisation_a_samples_output_depends_on_its_minibatch(string network)
    {
        using var scope = NewDisposeScope();
        using var g = Generator(network, Normalization.Batch);
        using var stream = new Generator(21);
        var z = randn([7, LatentSize(network)], generator: stream);
        var inBatch = g.call(z)[3];
        var withOthers = g.call(cat([z[3..4], randn([4, LatentSize(network)], generator: stream) * 3], 0))[0];
        Assert.False(inBatch.allclose(withOthers, rtol: 1e-3, atol: 1e-4));
    }

    [Fact]
    public void The_reference_batch_is_drawn_once_from_the_players_stream_right_after_the_weights()
    {
        using var scope = NewDisposeScope();
        var spec = GeneratorSpec("mlp", Normalization.VirtualBatch);
        using var g = (LayeredNetwork)PlayerNetworks.Generator(spec);
        using var stream = new Generator(5);
        PlayerNetworks.Prepare(g, spec, 6, stream);

        using var replay = new Generator(5);
        using var weights = (LayeredNetwork)PlayerNetworks.Generator(spec);
        weights.Initialize(replay, null);
        Assert.True(g.ReferenceBatch!.eq(randn([6, spec.LatentSize], generator: replay)).all().ToBoolean());
        Assert.Throws<InvalidOperationException>(() => g.SetReferenceBatch(zeros(6, spec.LatentSize)));
    }

    [Fact]
    public void An_mlp_normalises_every_hidden_layer_and_adds_a_scale_and_shift_per_feature()
    {
        using var plain = PlayerNetworks.Generator(GeneratorSpec("mlp", null));
        using var normalised = (LayeredNetwork)PlayerNetworks.Generator(GeneratorSpec("mlp", Normalization.Batch));
        Assert.Equal(2, normalised.Layers.OfType<FeatureNormalization>().Count());
        Assert.Equal(plain.parameters().Sum(p => p.numel()) + (2 * (16 + 8)), normalised.parameters().Sum(p => p.numel()));
    }

    private static int LatentSize(string network) => network == "mlp" ? 4 : 10;

    private static GeneratorSpec GeneratorSpec(string network, Normalization? normalization) => network == "mlp"
        ? PlayerSpecs.Defaults.Generator with { Hidden = [16, 8], Normalization = normalization }
        : DcganSpecs.Load().Generator with { LatentSize = 10, Hidden = [8, 4], Normalization = normalization };

    private static PlayerNetwork Generator(string network, Normalization normalization)
    {
        var spec = GeneratorSpec(network, normalization);
        var g = PlayerNetworks.Generator(spec);
        using var stream = new Generator(8);
        PlayerNetworks.Prepare(g, spec, 10, stream);
        return g;
    }
}
