using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Theory;
using OrleansGan.Grains.Tests.Cluster;
using OrleansGan.Grains.Theory;
using Xunit.Abstractions;

namespace OrleansGan.Grains.Tests.Theory;

/// <summary>
/// For every protocol on the bilinear game and the Dirac-GAN, the rate measured on the player grains matches the
/// spectral radius of the protocol's update map at the equilibrium to 1e-3.
/// </summary>
[Collection(ClusterCollection.Name)]
public class KnownGameRatesTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly ProtocolSpec[] AllProtocols =
    [
        new(ProtocolKind.Simultaneous, 1, 1, 0, 0),
        new(ProtocolKind.Alternating, 1, 1, 0, 0),
        new(ProtocolKind.Alternating, 2, 1, 0, 0),
        new(ProtocolKind.TwoTimeScale, 1, 1, 0, 0),
        new(ProtocolKind.Optimistic, 1, 1, 0, 0),
        new(ProtocolKind.Extragradient, 1, 1, 0, 0),
        new(ProtocolKind.Unrolled, 1, 1, 3, 0),
        new(ProtocolKind.UnrolledStopGradient, 1, 1, 3, 0),
        new(ProtocolKind.Consensus, 1, 1, 0, 0.5),
    ];

    public static TheoryData<string, int, double> Cases()
    {
        var data = new TheoryData<string, int, double>();
        foreach (var (game, eta) in new[] { ("bilinear", 0.1), ("bilinear-xy", 0.1), ("dirac-non-saturating", 0.5), ("dirac-maximum-likelihood", 0.3) })
        {
            for (var p = 0; p < AllProtocols.Length; p++)
            {
                data.Add(game, p, eta);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Measured_rate_matches_the_predicted_spectral_radius(string gameName, int protocolIndex, double eta)
    {
        var game = KnownGame.Named(gameName);
        var protocol = AllProtocols[protocolIndex];
        var spec = game.Spec(protocol, eta, KnownGameTrial.Start, KnownGameTrial.Rounds);
        var prediction = StabilityPrediction.Of(UpdateMap.Jacobian(spec, [0, 0]));
        var outcome = await KnownGameTrial.RunAsync(fixture.Client, $"theory-{gameName}-{protocol}-{eta}", spec);
        output.WriteLine($"{gameName} {protocol} eta={eta}: predicted {prediction.SpectralRadius:R} ({prediction.Verdict}), measured {outcome.Rate:R} over {outcome.RoundsMeasured} rounds");
        Assert.True(Math.Abs(outcome.Rate - prediction.SpectralRadius) <= 1e-3,
            $"{gameName} {protocol}: predicted {prediction.SpectralRadius:R}, measured {outcome.Rate:R} over {outcome.RoundsMeasured} rounds");
    }
}
