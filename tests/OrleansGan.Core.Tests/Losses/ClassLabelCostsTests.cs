using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Losses;

/// <summary>
/// The (n+1)-class discriminator (Salimans et al. 2016, section 5) against hand computations on tiny logits, n = 2:
/// outputs (l_1, l_2, l_fake) per sample.
/// </summary>
public class ClassLabelCostsTests
{
    private static readonly double[][] Real = [[1.0, -0.5, 0.3], [0.2, 1.4, -1.0]];
    private static readonly long[] RealClasses = [0, 1];
    private static readonly double[][] Fake = [[0.7, 0.1, 1.5], [-0.3, 0.4, 0.0]];

    public ClassLabelCostsTests() => TorchRuntime.EnsureLoaded();

    private static double SumExp(double[] logits) => logits.Sum(Math.Exp);

    /// <summary>p(class k | x) over all n + 1 classes.</summary>
    private static double Probability(double[] logits, int k) => Math.Exp(logits[k]) / SumExp(logits);

    /// <summary>D(x) = 1 - p(fake | x) = Z / (Z + exp(l_fake)).</summary>
    private static double RealProbability(double[] logits) => 1 - Probability(logits, 2);

    private static Tensor Rows(double[][] rows) => tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, 3]);

    private static ClassLabelCosts Costs(LossKind loss) => new(GanLoss.For(loss), ClassLabels.AuxiliaryClasses, 2);

    [Fact]
    public void With_cross_entropy_the_discriminator_cost_is_the_n_plus_1_class_cross_entropy()
    {
        // -1/2 E_real log p(y | x) - 1/2 E_fake log p(fake | x), every probability over the three classes.
        var expected = (-0.5 * Real.Select((r, i) => Math.Log(Probability(r, (int)RealClasses[i]))).Average())
            - (0.5 * Fake.Select(f => Math.Log(Probability(f, 2))).Average());
        using var scope = NewDisposeScope();
        var cost = Costs(LossKind.NonSaturating).Discriminator(Rows(Real), tensor(RealClasses), Rows(Fake)).ToDouble();
        Assert.Equal(expected, cost, 12);
        Assert.Equal(expected, Costs(LossKind.Minimax).Discriminator(Rows(Real), tensor(RealClasses), Rows(Fake)).ToDouble(), 12);
    }

    [Fact]
    public void The_real_fake_logit_is_logsumexp_of_the_real_classes_minus_the_fake_logit()
    {
        using var scope = NewDisposeScope();
        var logits = Costs(LossKind.NonSaturating).Logit(Rows(Fake)).data<double>().ToArray();
        for (var i = 0; i < Fake.Length; i++)
        {
            var f = Fake[i];
            Assert.Equal(Math.Log(Math.Exp(f[0]) + Math.Exp(f[1])) - f[2], logits[i], 12);
            Assert.Equal(RealProbability(f), 1 / (1 + Math.Exp(-logits[i])), 12);
        }
    }

    [Fact]
    public void The_generator_cost_is_the_chosen_loss_on_the_real_fake_logit()
    {
        using var scope = NewDisposeScope();

        // Non-saturating: -1/2 E log D(G(z)), D = 1 - p(fake | x).
        Assert.Equal(-0.5 * Fake.Average(f => Math.Log(RealProbability(f))),
            Costs(LossKind.NonSaturating).Generator(Rows(Fake)).ToDouble(), 12);

        // Minimax: 1/2 E log(1 - D(G(z))) = 1/2 E log p(fake | x).
        Assert.Equal(0.5 * Fake.Average(f => Math.Log(Probability(f, 2))), Costs(LossKind.Minimax).Generator(Rows(Fake)).ToDouble(), 12);
    }

    [Fact]
    public void With_another_loss_the_discriminator_cost_is_the_supervised_cost_plus_that_loss_on_the_logit()
    {
        static double L(double[] o) => Math.Log(Math.Exp(o[0]) + Math.Exp(o[1])) - o[2];

        // 1/2 E -log p(y | x, y <= n) (a softmax over the real classes only) + 1/2 E (l(x) - 1)^2 + 1/2 E l(G(z))^2.
        var supervised = Real.Select((r, i) => -Math.Log(Math.Exp(r[RealClasses[i]]) / (Math.Exp(r[0]) + Math.Exp(r[1])))).Average();
        var expected = (0.5 * supervised) + (0.5 * Real.Average(r => Math.Pow(L(r) - 1, 2))) + (0.5 * Fake.Average(f => Math.Pow(L(f), 2)));
        using var scope = NewDisposeScope();
        var costs = Costs(LossKind.LeastSquares);
        Assert.Equal(expected, costs.Discriminator(Rows(Real), tensor(RealClasses), Rows(Fake)).ToDouble(), 12);
        Assert.Equal(supervised, costs.Supervised(Rows(Real), tensor(RealClasses)).ToDouble(), 12);
    }

    [Fact]
    public void Without_auxiliary_classes_the_costs_are_the_losses_own()
    {
        using var scope = NewDisposeScope();
        var real = tensor(new[] { 0.3, -1.2 }).reshape(2, 1);
        var fake = tensor(new[] { 0.8, 0.1 }).reshape(2, 1);
        foreach (var mode in new[] { ClassLabels.None, ClassLabels.Conditional })
        {
            var costs = new ClassLabelCosts(GanLoss.For(LossKind.NonSaturating), mode, 8);
            Assert.Equal(1, costs.Outputs);
            Assert.Equal(GanLoss.For(LossKind.NonSaturating).Discriminator(real, fake).ToDouble(),
                costs.Discriminator(real, tensor(new long[] { 5, 2 }), fake).ToDouble(), 15);
            Assert.Equal(GanLoss.For(LossKind.NonSaturating).Generator(fake).ToDouble(), costs.Generator(fake).ToDouble(), 15);
        }

        Assert.Equal(9, new ClassLabelCosts(GanLoss.For(LossKind.NonSaturating), ClassLabels.AuxiliaryClasses, 8).Outputs);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassLabelCosts(GanLoss.For(LossKind.NonSaturating), ClassLabels.AuxiliaryClasses, 1));
    }
}
