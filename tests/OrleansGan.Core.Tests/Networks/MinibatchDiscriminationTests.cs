using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Networks;

/// <summary>Minibatch discrimination lets the discriminator see its whole minibatch (Salimans et al. 2016, sec. 3.2).</summary>
public class MinibatchDiscriminationTests
{
    public MinibatchDiscriminationTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void The_similarities_are_sums_of_exp_minus_l1_distances_per_kernel()
    {
        using var scope = NewDisposeScope();

        // A = 2 features, B = 2 kernels of C = 1: M_1 = (1, 0.5), M_2 = (0, 1), M_3 = (1, 1.5).
        var layer = new MinibatchDiscrimination(2, 2, 1);
        var t = tensor(new double[,] { { 1, 0.5 }, { 0, 1 } });
        var f = tensor(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } });
        var o = layer.Similarities(f, t).data<double>().ToArray();
        double[] expected =
        [
            1 + Math.Exp(-1) + Math.Exp(0), 1 + Math.Exp(-0.5) + Math.Exp(-1),
            Math.Exp(-1) + 1 + Math.Exp(-1), Math.Exp(-0.5) + 1 + Math.Exp(-0.5),
            Math.Exp(0) + Math.Exp(-1) + 1, Math.Exp(-1) + Math.Exp(-0.5) + 1,
        ];
        Assert.Equal(expected, o, new ToleranceComparer(1e-12));

        // With C = 2 the distance is the L1 norm over the kernel's dimension: |1 - 0| + |0 - 2| = 3.
        var wide = new MinibatchDiscrimination(2, 1, 2);
        var pair = wide.Similarities(tensor(new double[,] { { 1, 0 }, { 0, 1 } }), tensor(new double[,] { { 1, 0 }, { 0, 2 } }));
        Assert.Equal([1 + Math.Exp(-3), 1 + Math.Exp(-3)], pair.flatten().data<double>().ToArray(), new ToleranceComparer(1e-12));
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("dcgan")]
    public void With_it_a_samples_logit_changes_when_the_rest_of_its_minibatch_changes(string network)
    {
        using var scope = NewDisposeScope();
        using var with = Discriminator(network, kernels: 4);
        using var without = Discriminator(network, kernels: 0);
        using var stream = new Generator(2);
        var width = network == "mlp" ? 2 : 784;
        var first = rand([1, width], generator: stream);
        var a = cat([first, rand([5, width], generator: stream)], 0);
        var b = cat([first, rand([5, width], generator: stream) * 0.1], 0);
        Assert.NotEqual(with.call(a)[0].ToSingle(), with.call(b)[0].ToSingle());
        Assert.Equal(without.call(a)[0].ToSingle(), without.call(b)[0].ToSingle(), 6);

        // T is A x B x C, and the last layer gains one weight per kernel.
        var features = network == "mlp" ? 8 : 8 * 49;
        Assert.Equal((features * 4 * 3) + 4, with.parameters().Sum(p => p.numel()) - without.parameters().Sum(p => p.numel()));
    }

    private static PlayerNetwork Discriminator(string network, int kernels)
    {
        var spec = network == "mlp"
            ? PlayerSpecs.Defaults.Discriminator with { Hidden = [16, 8] }
            : DcganSpecs.Load().Discriminator with { Hidden = [4, 8], Normalization = Normalization.None };
        var d = PlayerNetworks.Discriminator(spec with { MinibatchFeatures = new MinibatchFeaturesSpec(kernels, 3) });
        using var stream = new Generator(3);
        d.Initialize(stream, null);
        return d;
    }
}
