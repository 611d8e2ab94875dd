using System.Globalization;
using OrleansGan.Abstractions.Players;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using OrleansGan.Core.Players;
using OrleansGan.Core.Stabilizers;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Stabilizers;

/// <summary>
/// WGAN-GP (Gulrajani et al. 2017, eq. 3) and R1 (Mescheder et al. 2018, eq. 9) against hand computations: the
/// penalties alone on a critic whose input gradient is x itself, and J_D with its step on the Dirac-GAN's critic.
/// </summary>
public class DiscriminatorPenaltyTests
{
    private static readonly double[] FakeValues = [0.5, -1.0, 2.0, 1.5];

    public DiscriminatorPenaltyTests() => TorchRuntime.EnsureLoaded();

    // D(x) = 1/2 |x|^2 has grad_x D = x, so the penalties are functions of the points alone.
    private static Tensor HalfSquaredNorm(Tensor x) => 0.5 * x.pow(2).sum(1);

    [Fact]
    public void The_gradient_penalty_of_a_critic_with_slope_x_is_the_mean_of_squared_distances_of_the_interpolates_norms_from_one()
    {
        using var scope = NewDisposeScope();
        double[][] real = [[1, 2], [0, -1], [3, 0.5]];
        double[][] fake = [[-2, 0], [0.2, 0.1], [1, 1]];
        double[] eps = [0.25, 0.9, 0.5];

        var penalty = GradientPenalty.Of(HalfSquaredNorm, Matrix(real), Matrix(fake), tensor(eps, [3, 1], float64)).ToDouble();

        var expected = Enumerable.Range(0, 3).Average(i =>
        {
            var norm = Math.Sqrt(Enumerable.Range(0, 2).Sum(j => Math.Pow((eps[i] * real[i][j]) + ((1 - eps[i]) * fake[i][j]), 2)));
            return Math.Pow(norm - 1, 2);
        });
        Assert.Equal(expected, penalty, 1e-10);
    }

    [Fact]
    public void Epsilon_one_puts_the_gradient_penalty_on_the_real_samples_and_zero_on_the_fakes()
    {
        using var scope = NewDisposeScope();
        var real = Matrix([[3, 4]]);
        var fake = Matrix([[0, 0.5]]);
        Assert.Equal(16, GradientPenalty.Of(HalfSquaredNorm, real, fake, ones([1, 1], float64)).ToDouble(), 1e-10);
        Assert.Equal(0.25, GradientPenalty.Of(HalfSquaredNorm, real, fake, zeros([1, 1], float64)).ToDouble(), 1e-10);
    }

    [Fact]
    public void R1_of_a_critic_with_slope_x_is_the_mean_squared_norm_of_the_real_samples()
    {
        using var scope = NewDisposeScope();
        var real = Matrix([[1, 2], [0, -1], [3, 0.5]]).requires_grad_(true);
        Assert.Equal((5 + 1 + 9.25) / 3, R1Penalty.Of(real, HalfSquaredNorm(real)).ToDouble(), 1e-10);
    }

    [Fact]
    public void R1_refuses_real_samples_that_do_not_require_grad_instead_of_aborting()
    {
        using var scope = NewDisposeScope();
        var real = Matrix([[1, 2]]);
        Assert.Throws<ArgumentException>(() => R1Penalty.Of(real, HalfSquaredNorm(real)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, 0)]
    [InlineData(0, 10)]
    [InlineData(10, 3)]
    [InlineData(2, 0.5)]
    public void Wasserstein_cost_and_step_of_the_dirac_critic_include_lambda_gp_and_gamma_half_r1(double lambda, double gamma)
    {
        // J_D = psi E f - psi 0 + lambda (|psi| - 1)^2 + gamma/2 psi^2; dJ_D/dpsi = E f + 2 lambda (|psi| - 1) sign psi + gamma psi.
        const double Psi = 0.3, Rate = 0.1;
        var meanFake = FakeValues.Average();
        var expectedCost = (Psi * meanFake) + (lambda * Math.Pow(Psi - 1, 2)) + (gamma / 2 * Psi * Psi);
        var expectedPsi = Psi - (Rate * (meanFake + (2 * lambda * (Psi - 1)) + (gamma * Psi)));

        var (cost, psi) = OneUpdate("wasserstein", Psi, Rate, lambda, gamma);

        Assert.Equal(expectedCost, cost, 1e-5);
        Assert.Equal(expectedPsi, psi, 1e-5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Non_saturating_cost_and_step_of_the_dirac_critic_include_gamma_half_r1(double gamma)
    {
        // J_D = 1/2 softplus(-0) + 1/2 E softplus(psi f) + gamma/2 psi^2 (the real data is 0, so D(x) = 0 there).
        const double Psi = -0.4, Rate = 0.2;
        static double Softplus(double v) => Math.Log(1 + Math.Exp(v));
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        var expectedCost = (0.5 * Math.Log(2)) + (0.5 * FakeValues.Average(f => Softplus(Psi * f))) + (gamma / 2 * Psi * Psi);
        var slope = (0.5 * FakeValues.Average(f => f * Sigmoid(Psi * f))) + (gamma * Psi);

        var (cost, psi) = OneUpdate("non-saturating", Psi, Rate, 0, gamma);

        Assert.Equal(expectedCost, cost, 1e-5);
        Assert.Equal(Psi - (Rate * slope), psi, 1e-5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void The_unrolled_look_ahead_descends_the_penalized_cost(double lambda)
    {
        // One look-ahead step to psi1 = psi - eta dJ_D/dpsi, then J_G = -E psi1 x, so dJ_G/dx_i = -psi1 / n (stop-gradient).
        const double Psi = 0.3, Rate = 0.1;
        var psi1 = Psi - (Rate * (FakeValues.Average() + (2 * lambda * (Psi - 1))));
        using var scope = NewDisposeScope();
        using var player = new DiscriminatorPlayer(Setup("wasserstein", Psi, Rate, lambda, 0));

        var ((gradient, _, _), _) = player.JudgeUnrolledThenUpdate(Fakes(), steps: 1, throughSteps: false);

        foreach (var g in gradient.to(float64).data<double>().ToArray())
        {
            Assert.Equal(-psi1 / DiracCritic.BatchSize, g, 1e-6);
        }
    }

    private static (double Cost, double Psi) OneUpdate(string loss, double psi, double rate, double lambda, double gamma)
    {
        using var scope = NewDisposeScope();
        using var player = new DiscriminatorPlayer(Setup(loss, psi, rate, lambda, gamma));
        var report = player.Update(Fakes());
        return (report.DiscriminatorLoss, player.Network.parameters().Single().to(float64).ToDouble());
    }

    private static DiscriminatorSetup Setup(string loss, double psi, double rate, double lambda, double gamma) =>
        DiracCritic.Setup(loss, psi, rate,
            ("stabilizers.gradientPenalty", lambda.ToString("R", CultureInfo.InvariantCulture)),
            ("stabilizers.r1", gamma.ToString("R", CultureInfo.InvariantCulture)));

    private static Tensor Fakes() => tensor(FakeValues.Select(v => (float)v).ToArray(), [FakeValues.Length, 1]);

    private static Tensor Matrix(double[][] rows) => tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length], float64);
}
