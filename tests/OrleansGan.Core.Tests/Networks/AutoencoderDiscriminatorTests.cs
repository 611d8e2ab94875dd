using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Networks;

/// <summary>EBGAN's autoencoder discriminator: its energy is the per-sample mean squared reconstruction error.</summary>
public class AutoencoderDiscriminatorTests
{
    // Encoder 2 -> 1 (weights a, b; bias c), tanh, decoder 1 -> 2 (weights p, q; biases r, s), no output nonlinearity.
    private static readonly double[] Weights = [0.7, -0.4, 0.1, 1.3, -0.8, 0.25, 0.5];

    private static readonly double[][] Samples = [[0.3, -1.2], [2.0, 0.5], [-0.6, -0.1]];

    public AutoencoderDiscriminatorTests() => TorchRuntime.EnsureLoaded();

    private static double HandEnergy(double[] w, double[] x)
    {
        var h = Math.Tanh((w[0] * x[0]) + (w[1] * x[1]) + w[2]);
        var r0 = (w[3] * h) + w[5];
        var r1 = (w[4] * h) + w[6];
        return (((r0 - x[0]) * (r0 - x[0])) + ((r1 - x[1]) * (r1 - x[1]))) / 2;
    }

    private static List<Tensor> Parameters(double[] w) =>
    [
        tensor(new[] { w[0], w[1] }, [1, 2]), tensor(new[] { w[2] }),
        tensor(new[] { w[3], w[4] }, [2, 1]), tensor(new[] { w[5], w[6] }),
    ];

    private static AutoencoderDiscriminator Tiny(double[] w)
    {
        var network = new AutoencoderDiscriminator("discriminator", 2, [1], Activation.Tanh);
        network.to(float64);
        using var noGrad = no_grad();
        foreach (var (parameter, value) in network.parameters().Zip(Parameters(w)))
        {
            parameter.copy_(value);
        }

        return network;
    }

    [Fact]
    public void The_energy_is_the_hand_computed_mean_squared_reconstruction_error_one_value_per_sample()
    {
        using var scope = NewDisposeScope();
        using var network = Tiny(Weights);
        var x = tensor(Samples.SelectMany(s => s).ToArray(), [3, 2]);

        var energy = network.call(x);

        Assert.Equal([3L, 1L], energy.shape);
        var expected = Samples.Select(s => HandEnergy(Weights, s)).ToArray();
        Assert.Equal(expected, energy.flatten().data<double>().ToArray(), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void ForwardWith_uses_the_given_parameters_in_registration_order()
    {
        using var scope = NewDisposeScope();
        using var network = Tiny(Weights);
        var x = tensor(Samples.SelectMany(s => s).ToArray(), [3, 2]);
        double[] other = [-0.2, 0.9, 0.4, -1.1, 0.6, 0.05, -0.3];

        var energy = network.ForwardWith(x, Parameters(other));

        Assert.Equal(Samples.Select(s => HandEnergy(other, s)).ToArray(), energy.flatten().data<double>().ToArray(), new ToleranceComparer(1e-12));
        Assert.Equal(
            network.call(x).flatten().data<double>().ToArray(),
            network.ForwardWith(x, network.parameters().Cast<Tensor>().ToList()).flatten().data<double>().ToArray());
    }

    [Fact]
    public void The_code_is_the_encoder_output_and_the_decoder_mirrors_the_encoder()
    {
        using var scope = NewDisposeScope();
        using var network = Tiny(Weights);
        var x = tensor(new[] { 0.3, -1.2 }, [1, 2]);
        Assert.Equal(Math.Tanh((0.7 * 0.3) + (-0.4 * -1.2) + 0.1), network.Code(x).item<double>(), 12);

        using var deep = new AutoencoderDiscriminator("discriminator", 2, [8, 3], Activation.Relu);
        Assert.Equal(
            new[] { "[8,2]", "[8]", "[3,8]", "[3]", "[8,3]", "[8]", "[2,8]", "[2]" },
            deep.parameters().Select(p => $"[{string.Join(",", p.shape)}]"));
    }

    [Fact]
    public void A_sample_the_autoencoder_reproduces_has_zero_energy()
    {
        using var scope = NewDisposeScope();
        using var network = Tiny(Weights);

        // With a zero encoder every code is tanh(c), so the decoder's output is one fixed point: its energy is 0, others' not.
        double[] zeroEncoder = [0, 0, Weights[2], Weights[3], Weights[4], Weights[5], Weights[6]];
        var h = Math.Tanh(Weights[2]);
        var fixedPoint = new[] { (Weights[3] * h) + Weights[5], (Weights[4] * h) + Weights[6] };
        var x = tensor(fixedPoint.Concat([fixedPoint[0] + 0.1, fixedPoint[1]]).ToArray(), [2, 2]);

        var energy = network.ForwardWith(x, Parameters(zeroEncoder)).flatten().data<double>().ToArray();

        Assert.Equal(0, energy[0], 12);
        Assert.Equal(0.01 / 2, energy[1], 12);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
