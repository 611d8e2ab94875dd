using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Theory;

namespace OrleansGan.Core.Tests.Theory;

/// <summary>The numerical update maps agree with the closed forms known for the bilinear game and the Dirac-GAN.</summary>
public class UpdateMapTests
{
    private static readonly double[] Origin = [0, 0];

    private static ProtocolSpec Protocol(ProtocolKind kind, int unroll = 0, double gamma = 0) => new(kind, 1, 1, unroll, gamma);

    private static double Radius(KnownGame game, ProtocolSpec protocol, double eta) =>
        StabilityPrediction.Of(UpdateMap.Jacobian(game.Spec(protocol, eta, 0, 1), Origin)).SpectralRadius;

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.3)]
    public void Bilinear_game_has_the_textbook_spectral_radii(double eta)
    {
        var game = KnownGame.BilinearMinusXY;

        // Simultaneous: eigenvalues 1 +- i eta, so |lambda| = sqrt(1 + eta^2): it spirals out.
        Assert.Equal(Math.Sqrt(1 + (eta * eta)), Radius(game, Protocol(ProtocolKind.Simultaneous), eta), 8);

        // Alternating: det = 1 and real trace 2 - eta^2, so both eigenvalues lie on the unit circle: it cycles.
        Assert.Equal(1, Radius(game, Protocol(ProtocolKind.Alternating), eta), 8);

        // Extragradient: I - eta A + eta^2 A^2 with A^2 = -I: |lambda|^2 = (1 - eta^2)^2 + eta^2 < 1.
        Assert.Equal(Math.Sqrt(Math.Pow(1 - (eta * eta), 2) + (eta * eta)), Radius(game, Protocol(ProtocolKind.Extragradient), eta), 8);

        // Consensus: I - eta (A + gamma A^T A) with A^T A = I: |lambda|^2 = (1 - eta gamma)^2 + eta^2.
        Assert.Equal(Math.Sqrt(Math.Pow(1 - (eta * 0.5), 2) + (eta * eta)), Radius(game, Protocol(ProtocolKind.Consensus, gamma: 0.5), eta), 8);
    }

    [Fact]
    public void Optimistic_steps_shrink_the_bilinear_spiral()
    {
        // The 4x4 map of z_(t+1) = z_t - 2 eta A z_t + eta A z_(t-1) has its largest |lambda| below 1 for small eta.
        var radius = Radius(KnownGame.BilinearMinusXY, Protocol(ProtocolKind.Optimistic), 0.1);
        Assert.InRange(radius, 0.99, 1 - 1e-4);
    }

    [Fact]
    public void The_signs_of_the_bilinear_game_do_not_change_its_dynamics()
    {
        foreach (var kind in new[] { ProtocolKind.Simultaneous, ProtocolKind.Extragradient, ProtocolKind.Consensus })
        {
            var protocol = Protocol(kind, gamma: 0.5);
            Assert.Equal(Radius(KnownGame.BilinearMinusXY, protocol, 0.2), Radius(KnownGame.BilinearXY, protocol, 0.2), 8);
        }
    }

    [Fact]
    public void Dirac_gan_with_cross_entropy_is_locally_a_bilinear_game_with_coupling_one_quarter()
    {
        // Near the origin, grad_theta J_G = -psi/4 and grad_psi J_D = theta/4 (Mescheder et al. 2018, section 2).
        var jacobian = UpdateMap.Jacobian(KnownGame.DiracNonSaturating.Spec(Protocol(ProtocolKind.Simultaneous), 1.0, 0, 1), Origin);
        Assert.Equal(1, jacobian[0, 0], 8);
        Assert.Equal(0.25, jacobian[0, 1], 8);
        Assert.Equal(-0.25, jacobian[1, 0], 8);
        Assert.Equal(1, jacobian[1, 1], 8);
        Assert.Equal("diverges", StabilityPrediction.Of(jacobian).Verdict);
    }

    [Fact]
    public void Unrolling_with_zero_steps_is_simultaneous_and_with_more_steps_differs()
    {
        var simultaneous = Radius(KnownGame.DiracNonSaturating, Protocol(ProtocolKind.Simultaneous), 0.5);
        Assert.Equal(simultaneous, Radius(KnownGame.DiracNonSaturating, Protocol(ProtocolKind.Unrolled, unroll: 0), 0.5), 10);
        Assert.NotEqual(simultaneous, Radius(KnownGame.DiracNonSaturating, Protocol(ProtocolKind.Unrolled, unroll: 5), 0.5), 6);
    }

    [Fact]
    public void Analysis_refuses_stateful_optimizers()
    {
        var spec = KnownGame.BilinearMinusXY.Spec(Protocol(ProtocolKind.Simultaneous), 0.1, 0, 1);
        var withMomentum = spec with { Generator = spec.Generator with { Optimizer = spec.Generator.Optimizer with { Momentum = 0.9 } } };
        Assert.Throws<ArgumentException>(() => UpdateMap.Jacobian(withMomentum, Origin));
    }
}
