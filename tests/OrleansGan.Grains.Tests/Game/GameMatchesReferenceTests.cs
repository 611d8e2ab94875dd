using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Reference;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Tensors;
using OrleansGan.Grains.Tests.Cluster;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>
/// The message-passing game must be the same computation as a single-process trainer with one autograd graph:
/// same losses every round and same parameters after 50 rounds, to 1e-6 relative.
/// </summary>
[Collection(ClusterCollection.Name)]
public class GameMatchesReferenceTests(ClusterFixture fixture)
{
    private const int Rounds = 50;
    private const double Tolerance = 1e-6;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var protocol in new[] { "simultaneous", "alternating(1,1)", "alternating(3,2)" })
        {
            foreach (var loss in new[] { "minimax", "non-saturating", "maximum-likelihood" })
            {
                data.Add(protocol, loss);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Grains_and_reference_agree(string protocol, string loss)
    {
        var (kind, kD, kG) = protocol == "simultaneous" ? ("simultaneous", 1, 1)
            : ("alternating", protocol[12] - '0', protocol[14] - '0');
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["name"] = "oracle",
            ["seed"] = "7",
            ["rounds"] = Rounds.ToString(),
            ["batchSize"] = "64",
            ["loss"] = loss,
            ["protocol.kind"] = kind,
            ["protocol.discriminatorSteps"] = kD.ToString(),
            ["protocol.generatorSteps"] = kG.ToString(),
            ["generator.hidden"] = "[32, 32]",
            ["discriminator.hidden"] = "[32, 32]",
            ["evaluation.every"] = "1000",
            ["evaluation.samples"] = "100",
        });

        var id = $"oracle-{protocol}-{loss}";
        var (last, rounds, _) = await GameRunner.PlayAsync(fixture.Client, id, spec);
        Assert.Equal(GameState.Finished, last.State);
        Assert.Equal(Rounds, rounds.Count);

        using var reference = new ReferenceTrainer(spec);
        for (var round = 1; round <= Rounds; round++)
        {
            var expected = reference.PlayRound(round);
            var actual = rounds[round - 1];
            AssertClose(expected.DiscriminatorLoss, actual.DiscriminatorLoss, $"J_D at round {round}");
            AssertClose(expected.GeneratorLoss, actual.GeneratorLoss, $"J_G at round {round}");
            AssertClose(expected.MeanRealScore, actual.MeanRealScore, $"D(x) at round {round}");
            AssertClose(expected.MeanFakeScore, actual.MeanFakeScore, $"D(G(z)) at round {round}");
        }

        ParameterAssert.Close(reference.GeneratorParameters(),
            await fixture.Client.GetGrain<IGeneratorGrain>(PlayerRole.Generator.GrainKey(id)).GetParametersAsync(), Tolerance);
        ParameterAssert.Close(reference.DiscriminatorParameters(),
            await fixture.Client.GetGrain<IDiscriminatorGrain>(PlayerRole.Discriminator.GrainKey(id)).GetParametersAsync(), Tolerance);
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        var scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        Assert.True(Math.Abs(expected - actual) <= Tolerance * scale,
            $"{what}: reference {expected:R}, grains {actual:R}");
    }
}
