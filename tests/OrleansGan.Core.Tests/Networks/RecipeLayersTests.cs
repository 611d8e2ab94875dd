using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Networks;

/// <summary>
/// The network pieces the papers' 2-d recipes need, each against a computation done by hand: maxout layers (PacGAN's
/// discriminator), dense layers without a bias before batch normalisation (PacGAN's generator), a fixed input scale
/// (the Unrolled GAN paper's discriminator), tanh (the Unrolled GAN notebook), and the initialisations.
/// </summary>
public class RecipeLayersTests
{
    public RecipeLayersTests() => TorchRuntime.EnsureLoaded();

    private static Tensor Row(params float[] values) => tensor(values, [1, values.Length]);

    private static void SetParameters(PlayerNetwork network, params float[][] values)
    {
        using var noGrad = no_grad();
        var parameters = network.parameters().ToList();
        Assert.Equal(values.Length, parameters.Count);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i].Length, parameters[i].NumberOfElements);
            using var source = tensor(values[i]).reshape(parameters[i].shape);
            parameters[i].copy_(source);
        }
    }

    [Fact]
    public void A_maxout_unit_keeps_the_largest_of_its_own_consecutive_pieces()
    {
        using var scope = NewDisposeScope();

        // 2 inputs -> 2 units x 3 pieces -> a logit. Pieces of unit 0 are rows 0-2, of unit 1 rows 3-5 (Blocks' grouping).
        using var d = new Mlp("d", 2, [2], 1, Activation.Relu, maxoutPieces: 3);
        SetParameters(d,
            [1, 0, 0, 1, -1, -1, 2, 0, 0, 2, 1, 1],
            [0, 0, 0.5f, 0, -1, 0],
            [1, -2],
            [0.25f]);

        // x = (1, 3): unit 0 pieces 1, 3, -4+0.5 = -3.5 -> 3; unit 1 pieces 2-0 = 2, 6-1 = 5, 4 -> 5.
        var logit = d.call(Row(1, 3)).item<float>();
        Assert.Equal((1 * 3f) - (2 * 5f) + 0.25f, logit, 5);

        // x = (-2, 1): unit 0: -2, 1, 1+0.5 = 1.5 -> 1.5 (a negative piece can win: no ReLU follows); unit 1: -4, 2-1 = 1, -1 -> 1.
        Assert.Equal(1.5f - 2f + 0.25f, d.call(Row(-2, 1)).item<float>(), 5);
        Assert.Equal([6L, 2L], d.parameters().First().shape);
    }

    [Fact]
    public void PacGANs_discriminator_is_three_maxout_layers_of_200_units_by_5_pieces_and_a_logit()
    {
        using var scope = NewDisposeScope();
        foreach (var pack in new[] { 1, 2, 3, 4 })
        {
            using var d = new Mlp("d", 2, [200, 200, 200], 1, Activation.Relu, pack: pack, maxoutPieces: 5);

            // By hand: (2m x 1000 + 1000) + 2 x (200 x 1000 + 1000) + (200 + 1).
            var expected = (2L * pack * 1000) + 1000 + (2 * ((200L * 1000) + 1000)) + 201;
            Assert.Equal(expected, d.parameters().Sum(p => p.NumberOfElements));
            Assert.Equal([5L, 1], d.call(zeros(5 * pack, 2)).shape);
        }
    }

    [Fact]
    public void Hidden_layers_without_bias_compute_x_W_and_leave_the_shift_to_batch_normalisation()
    {
        using var scope = NewDisposeScope();

        // 1 input -> 2 hidden (no bias) -> batch norm (gamma, beta) -> ReLU -> 1 output (with bias).
        using var g = new Mlp("g", 1, [2], 1, Activation.Relu, normalization: Normalization.Batch, hiddenBias: false);
        Assert.Equal(new[] { "weight", "weight", "bias", "weight", "bias" },
            g.named_parameters().Select(p => p.name.Split('.')[^1]));
        SetParameters(g, [1, -1], [2, 1], [0, 0.5f], [1, 1], [0.1f]);

        // Batch x = (0, 2): h = x W^T = (0, 0) and (2, -2); batch mean (1, -1), biased std (1, 1), eps 1e-5.
        // normalised: (-1, 1) and (1, -1) (times 1/sqrt(1 + 1e-5)); gamma (2, 1), beta (0, 0.5): (-2, 1.5), (2, -0.5);
        // ReLU: (0, 1.5), (2, 0); output: 1.5 + 0.1 and 2 + 0.1.
        var scale = (float)(1 / Math.Sqrt(1 + 1e-5));
        var y = g.call(tensor(new[] { 0f, 2f }, [2, 1])).data<float>().ToArray();
        Assert.Equal(((1 * scale) + 0.5f) + 0.1f, y[0], 5);
        Assert.Equal((2 * scale) + 0.1f, y[1], 5);
    }

    [Fact]
    public void PacGANs_generator_has_four_layers_of_400_without_bias_each_batch_normalised()
    {
        using var scope = NewDisposeScope();
        using var g = new Mlp("g", 2, [400, 400, 400, 400], 2, Activation.Relu, normalization: Normalization.Batch, hiddenBias: false);

        // By hand: 2 x 400 + 3 x 400 x 400 weights, 4 x 800 scales and shifts, 400 x 2 + 2 for the output.
        Assert.Equal(800 + (3 * 160_000) + 3200 + 802, g.parameters().Sum(p => p.NumberOfElements));
    }

    [Fact]
    public void An_input_scale_divides_the_sample_before_the_first_layer_and_the_gradient_is_taken_at_the_sample()
    {
        using var scope = NewDisposeScope();
        using var scaled = new Mlp("d", 2, [3], 1, Activation.Relu, inputScale: 0.25);
        using var plain = new Mlp("d", 2, [3], 1, Activation.Relu);
        using var stream = new Generator(7);
        scaled.Initialize(stream, null);
        var own = scaled.parameters().Cast<Tensor>().ToList();
        var x = randn([5, 2], generator: stream).requires_grad_(true);
        var outScaled = scaled.call(x);
        Assert.True(outScaled.allclose(plain.ForwardWith(x / 4, own)));

        // d D(x/4) / dx = 1/4 D'(x/4): the scale is part of the discriminator, so its gradient message includes it.
        var gradScaled = autograd.grad([outScaled.sum()], [x])[0];
        var y = (x.detach() / 4).requires_grad_(true);
        var gradPlain = autograd.grad([plain.ForwardWith(y, own).sum()], [y])[0];
        Assert.True(gradScaled.allclose(gradPlain / 4));
    }

    [Fact]
    public void A_tanh_mlp_computes_W2_tanh_of_W1_x_plus_b1_plus_b2()
    {
        using var scope = NewDisposeScope();
        using var g = new Mlp("g", 2, [2], 1, Activation.Tanh);
        SetParameters(g, [1, 2, -1, 0.5f], [0, 1], [2, -3], [0.5f]);
        var h0 = Math.Tanh((1 * 0.5) + (2 * -1) + 0);
        var h1 = Math.Tanh((-1 * 0.5) + (0.5 * -1) + 1);
        Assert.Equal((float)((2 * h0) - (3 * h1) + 0.5), g.call(Row(0.5f, -1)).item<float>(), 5);
    }

    [Theory]
    [InlineData(256, 128, 0.8)]
    [InlineData(128, 128, 1.4)]
    [InlineData(2, 128, 0.8)]
    [InlineData(128, 1, 1.0)]
    public void Orthogonal_weights_have_orthonormal_rows_or_columns_times_the_gain_and_zero_biases(int inputs, int outputs, double gain)
    {
        using var scope = NewDisposeScope();
        var scheme = new InitializationScheme(InitializationKind.Orthogonal, Gain: gain);
        using var layer = new Mlp("g", inputs, [], outputs, Activation.Relu, initialization: scheme);
        using var stream = new Generator(3);
        layer.Initialize(stream, null);
        var weight = layer.parameters().First().detach().to(ScalarType.Float64);
        Assert.Equal([(long)outputs, inputs], weight.shape);

        // W W^T = gain^2 I when W is wide (outputs <= inputs), W^T W = gain^2 I when it is tall.
        var gram = outputs <= inputs ? weight.matmul(weight.t()) : weight.t().matmul(weight);
        var identity = eye(gram.shape[0], dtype: ScalarType.Float64) * (gain * gain);
        Assert.True(gram.allclose(identity, rtol: 0, atol: 1e-5), $"max deviation {(gram - identity).abs().max().item<double>()}");
        Assert.Equal(0, layer.parameters().Last().abs().sum().item<float>());

        // Drawn from the player's stream: the same seed gives the same matrix, another seed another.
        using var again = new Mlp("g", inputs, [], outputs, Activation.Relu, initialization: scheme);
        using var sameStream = new Generator(3);
        again.Initialize(sameStream, null);
        Assert.True(again.parameters().First().equal(layer.parameters().First()).all().item<bool>());
        using var other = new Generator(4);
        again.Initialize(other, null);
        Assert.False(again.parameters().First().allclose(layer.parameters().First()));
    }

    [Fact]
    public void Normal_weights_have_the_asked_std_and_zero_biases_and_normalisation_starts_at_scale_one()
    {
        using var scope = NewDisposeScope();
        var scheme = new InitializationScheme(InitializationKind.Normal, Std: 0.02);
        using var g = new Mlp("g", 400, [400], 2, Activation.Relu, normalization: Normalization.Batch, hiddenBias: false, initialization: scheme);
        using var stream = new Generator(5);
        g.Initialize(stream, null);
        var named = g.named_parameters().ToList();
        var weight = named[0].parameter;

        // 160,000 draws: the sample std is within 1% of 0.02 (its standard error is 0.02 / sqrt(320,000)).
        Assert.Equal(0.02, weight.std().item<float>(), 0.0002);
        Assert.Equal(0, weight.mean().item<float>(), 0.0002);
        Assert.True(named[1].parameter.eq(1).all().item<bool>());
        Assert.True(named[2].parameter.eq(0).all().item<bool>());
        Assert.True(named[^1].parameter.eq(0).all().item<bool>());
    }

    [Fact]
    public void Glorot_uniform_weights_fill_the_interval_of_sqrt_6_over_fan_in_plus_fan_out()
    {
        using var scope = NewDisposeScope();
        using var d = new Mlp("d", 16, [16], 1, Activation.Relu, initialization: new InitializationScheme(InitializationKind.GlorotUniform));
        using var stream = new Generator(6);
        d.Initialize(stream, null);
        var weight = d.parameters().First();
        var bound = Math.Sqrt(6.0 / 32);
        Assert.True(weight.abs().max().item<float>() <= bound);
        Assert.True(weight.abs().max().item<float>() > 0.9 * bound);

        // U(-b, b) has variance b^2 / 3 = 2 / (fan_in + fan_out).
        Assert.Equal(Math.Sqrt(2.0 / 32), weight.std().item<float>(), 0.02);
        Assert.Equal(0, d.parameters().ElementAt(1).abs().sum().item<float>());
    }

    [Fact]
    public void The_spec_chooses_the_initialisation_and_network_keeps_PyTorchs_default()
    {
        using var scope = NewDisposeScope();
        var defaults = PlayerSpecs.Defaults;
        Assert.Equal(WeightInitialization.Network, defaults.Generator.Initialization!.Scheme);
        Assert.Same(InitializationScheme.PyTorchDefault, InitializationScheme.For(defaults.Generator.Initialization, InitializationScheme.PyTorchDefault));
        Assert.Equal(new InitializationScheme(InitializationKind.Orthogonal, Gain: 0.8),
            InitializationScheme.For(new InitializationSpec(WeightInitialization.Orthogonal, Gain: 0.8), InitializationScheme.PyTorchDefault));
        Assert.Equal(new InitializationScheme(InitializationKind.Normal, Std: 0.05),
            InitializationScheme.For(new InitializationSpec(WeightInitialization.Normal, Std: 0.05), InitializationScheme.PyTorchDefault));

        // A spec's maxout, bias, scale and initialisation reach the network the players build.
        var spec = defaults.Discriminator with { Hidden = [8], MaxoutPieces = 3, InputScale = 0.25, Initialization = new InitializationSpec(WeightInitialization.Normal) };
        using var d = PlayerNetworks.Discriminator(spec);
        var layers = ((LayeredNetwork)d).Layers;
        Assert.IsType<InputScaleLayer>(layers[0]);
        Assert.IsType<MaxoutLayer>(layers[1]);
        Assert.Equal([24L, 2L], d.parameters().First().shape);
    }
}
