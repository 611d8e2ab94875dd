using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Players;
using static OrleansGan.Core.Tests.Players.PlayerFixtures;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Players;

/// <summary>A discriminator playing EBGAN: energies in its reports, and the pulling-away term in its judgment.</summary>
public class EnergyBasedPlayerTests
{
    private const double Margin = 0.5;

    public EnergyBasedPlayerTests() => TorchRuntime.EnsureLoaded();

    private static DiscriminatorSetup Ebgan(double pullAway = 0)
    {
        var setup = Discriminator(seed: 4, LossKind.EnergyBased);
        return setup with
        {
            Spec = setup.Spec with { Network = DiscriminatorNetwork.Autoencoder, Hidden = [16, 3], Margin = Margin },
            Stabilizers = new StabilizerSpec(1, PullAway: pullAway),
        };
    }

    private static Tensor Fakes()
    {
        using var stream = new Generator(21);
        return randn([BatchSize, 2], generator: stream);
    }

    [Fact]
    public void Reports_give_the_mean_energies_and_j_g_is_the_mean_fake_energy()
    {
        using var scope = NewDisposeScope();
        using var player = new DiscriminatorPlayer(Ebgan());
        Assert.IsType<AutoencoderDiscriminator>(player.Network);
        var energies = player.Network.call(Fakes()).detach().to(float64).flatten().data<double>().ToArray();

        var (_, cost, meanFake) = player.Judge(Fakes());
        Assert.Equal(energies.Average(), cost, 6);
        Assert.Equal(energies.Average(), meanFake, 6);

        var report = player.Update(Fakes());
        Assert.Equal(energies.Average(), report.MeanFakeScore, 6);
        Assert.Equal(report.MeanRealScore + energies.Average(e => Math.Max(0, Margin - e)), report.DiscriminatorLoss, 6);
    }

    [Fact]
    public void The_pulling_away_term_adds_its_weight_times_the_codes_mean_squared_cosine_to_j_g()
    {
        using var scope = NewDisposeScope();
        using var plain = new DiscriminatorPlayer(Ebgan());
        using var pulling = new DiscriminatorPlayer(Ebgan(pullAway: 0.1));
        var codes = ((AutoencoderDiscriminator)pulling.Network).Code(Fakes()).detach().to(float64);
        var n = BatchSize;
        var rows = Enumerable.Range(0, n).Select(i => codes[i].data<double>().ToArray()).ToArray();
        static double Cosine(double[] a, double[] b) =>
            a.Zip(b, (x, y) => x * y).Sum() / Math.Max(Math.Sqrt(a.Sum(x => x * x)), 1e-12) / Math.Max(Math.Sqrt(b.Sum(x => x * x)), 1e-12);
        var term = (from i in Enumerable.Range(0, n) from j in Enumerable.Range(0, n) where i != j select Math.Pow(Cosine(rows[i], rows[j]), 2)).Sum() / (n * (n - 1));

        var (plainGradient, plainCost, _) = plain.Judge(Fakes());
        var (pullingGradient, pullingCost, _) = pulling.Judge(Fakes());

        Assert.True(term > 0);
        Assert.Equal(plainCost + (0.1 * term), pullingCost, 5);
        Assert.NotEqual(plainGradient.data<float>().ToArray(), pullingGradient.data<float>().ToArray());
    }
}
