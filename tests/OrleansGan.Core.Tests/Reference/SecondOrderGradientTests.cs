using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Optimizers;
using OrleansGan.Core.Players;
using OrleansGan.Core.Stabilizers;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Reference;

/// <summary>
/// Consensus and unrolling rest on double backward, which TorchSharp's own tests never exercise: check the
/// second-order gradients against central finite differences, in float64.
/// </summary>
public class SecondOrderGradientTests
{
    private const double Step = 1e-6;

    public SecondOrderGradientTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(LossKind.NonSaturating, Activation.Tanh)]
    [InlineData(LossKind.Minimax, Activation.Relu)]
    [InlineData(LossKind.MaximumLikelihood, Activation.LeakyRelu)]
    public void Gradient_of_the_consensus_regularizer_matches_finite_differences(LossKind lossKind, Activation activation)
    {
        using var scope = NewDisposeScope();
        var (g, d, z, real) = SmallGame(activation);
        var loss = GanLoss.For(lossKind);
        var parameters = g.parameters().Concat(d.parameters()).Cast<Tensor>().ToList();
        var theta = g.parameters().Cast<Tensor>().ToList();
        var psi = d.parameters().Cast<Tensor>().ToList();

        // L = 1/2 (|grad_theta J_G|^2 + |grad_psi J_D|^2), differentiated once more by autograd.
        Tensor Regularizer(bool createGraph)
        {
            var x = g.call(z);
            var fake = d.call(x);
            var vG = Gradients.Of(loss.Generator(fake), theta, retainGraph: true, createGraph: createGraph);
            var vD = Gradients.Of(loss.Discriminator(d.call(real), fake), psi, createGraph: createGraph);
            return Gradients.HalfSquaredNorm(vG.Concat(vD));
        }

        var analytic = Gradients.Of(Regularizer(createGraph: true), parameters);
        AssertMatchesFiniteDifferences(parameters, analytic, () => Regularizer(createGraph: false).ToDouble());
    }

    [Theory]
    [InlineData(LossKind.Wasserstein, 10, 0)]
    [InlineData(LossKind.NonSaturating, 0, 10)]
    [InlineData(LossKind.Hinge, 2, 3)]
    public void Gradient_of_the_consensus_regularizer_with_gradient_penalties_matches_finite_differences(LossKind lossKind, double lambda, double gamma)
    {
        // WGAN-GP and R1 put an input gradient inside J_D, so consensus differentiates J_D three times.
        using var scope = NewDisposeScope();
        var (g, d, z, real) = SmallGame(Activation.Tanh);
        var loss = GanLoss.For(lossKind);
        var parameters = g.parameters().Concat(d.parameters()).Cast<Tensor>().ToList();
        var theta = g.parameters().Cast<Tensor>().ToList();
        var psi = d.parameters().Cast<Tensor>().ToList();
        using var stream = new Generator(5);
        var mixing = rand([6, 1], dtype: ScalarType.Float64, generator: stream);

        Tensor Regularizer(bool createGraph)
        {
            var x = g.call(z);
            var fake = d.call(x);
            var realInput = real.detach().requires_grad_(true);
            var realOutput = d.call(realInput);
            var costD = loss.Discriminator(realOutput, fake)
                + (lambda * GradientPenalty.Of(d.call, real, x, mixing))
                + (gamma / 2 * R1Penalty.Of(realInput, realOutput));
            var vG = Gradients.Of(loss.Generator(fake), theta, retainGraph: true, createGraph: createGraph);
            var vD = Gradients.Of(costD, psi, createGraph: createGraph);
            return Gradients.HalfSquaredNorm(vG.Concat(vD));
        }

        var analytic = Gradients.Of(Regularizer(createGraph: true), parameters);
        AssertMatchesFiniteDifferences(parameters, analytic, () => Regularizer(createGraph: false).ToDouble());
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Rmsprop)]
    public void Gradient_through_unrolled_discriminator_steps_matches_finite_differences(OptimizerKind kind)
    {
        using var scope = NewDisposeScope();
        var (_, d, _, real) = SmallGame(Activation.Tanh);
        using var stream = new Generator(11);
        var x = (randn([6, 2], dtype: ScalarType.Float64, generator: stream) * 0.5).requires_grad_(true);
        var loss = GanLoss.For(LossKind.NonSaturating);
        var spec = new OptimizerSpec(kind, kind == OptimizerKind.Sgd ? 0.5 : 0.05, 0.5, 0.999, 1e-8, kind == OptimizerKind.Sgd ? 0.5 : 0, 0, 0.9);
        using var optimizer = OptimizerFactory.Create(spec, d.parameters());

        // One real step first, so that the look-ahead starts from a non-trivial optimizer state.
        optimizer.zero_grad();
        loss.Discriminator(d.call(real), d.call(x.detach())).backward();
        optimizer.step();

        // f(x) = J_G(psi^3(x), x), psi^(k+1) = step(psi^k, grad_psi J_D(psi^k; real, x)).
        Tensor Unrolled(Tensor samples, bool createGraph)
        {
            IReadOnlyList<Tensor> psi = d.parameters().Cast<Tensor>().ToList();
            var lookahead = new OptimizerLookahead(spec, optimizer);
            for (var k = 0; k < 3; k++)
            {
                var cost = loss.Discriminator(d.ForwardWith(real, psi), d.ForwardWith(samples, psi));
                psi = lookahead.Step(psi, Gradients.Of(cost, psi, createGraph: createGraph));
            }

            return loss.Generator(d.ForwardWith(samples, psi));
        }

        var analytic = Gradients.Of(Unrolled(x, createGraph: true), [x]);
        AssertMatchesFiniteDifferences([x], analytic, () => Unrolled(x, createGraph: false).ToDouble());
    }

    private static (Mlp G, Mlp D, Tensor Z, Tensor Real) SmallGame(Activation activation)
    {
        using var stream = new Generator(7);
        var g = new Mlp("g", 3, [5], 2, activation);
        g.Initialize(stream, null);
        g.to(ScalarType.Float64);
        var d = new Mlp("d", 2, [5], 1, activation);
        d.Initialize(stream, null);
        d.to(ScalarType.Float64);
        var z = randn([6, 3], dtype: ScalarType.Float64, generator: stream);
        var real = randn([6, 2], dtype: ScalarType.Float64, generator: stream);
        return (g, d, z, real);
    }

    // Central differences on every coordinate of every input: |analytic - numeric| <= 1e-6 (1 + |numeric|).
    private static void AssertMatchesFiniteDifferences(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> analytic, Func<double> function)
    {
        var checkedCoordinates = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var flat = inputs[i].detach().view(-1);
            var expected = analytic[i].detach().view(-1);
            for (var j = 0; j < flat.shape[0]; j++)
            {
                double original;
                using (no_grad())
                {
                    original = flat[j].ToDouble();
                    flat[j] = original + Step;
                }

                var up = function();
                using (no_grad())
                {
                    flat[j] = original - Step;
                }

                var down = function();
                using (no_grad())
                {
                    flat[j] = original;
                }

                var numeric = (up - down) / (2 * Step);
                var value = expected[j].ToDouble();
                Assert.True(Math.Abs(value - numeric) <= 1e-6 * (1 + Math.Abs(numeric)),
                    $"input {i}, coordinate {j}: autograd {value:R}, finite differences {numeric:R}");
                checkedCoordinates++;
            }
        }

        Assert.True(checkedCoordinates > 10);
    }
}
