using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Grains.Diagnostics;
using OrleansGan.Grains.Tests.Cluster;
using Xunit.Abstractions;

namespace OrleansGan.Grains.Tests.Diagnostics;

/// <summary>
/// (a) The products the players compute from batch-shaped messages alone (J u, J^T u, H_G u, H_D u) equal those of one
/// joint autograd graph of both networks, in float64, to 1e-6 relative, for every kind of cost the game can have.
/// </summary>
[Collection(ClusterCollection.Name)]
public class GameJacobianProductTests(ClusterFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string, string, string, string> Games() => new()
    {
        { "non-saturating", "tanh", "", "" },
        { "minimax", "relu", "", "" },
        { "wasserstein", "tanh", "stabilizers.gradientPenalty", "10" },
        { "hinge", "tanh", "stabilizers.r1", "5" },
        { "least-squares", "tanh", "stabilizers.classLabels", "conditional" },
        { "non-saturating", "leaky-relu", "discriminator.normalization", "batch" },
    };

    [Theory]
    [MemberData(nameof(Games))]
    public async Task Products_from_messages_equal_the_joint_graph(string loss, string activation, string field, string value)
    {
        var spec = field.Length == 0 ? ProbedPoints.SmallGame(loss, activation) : ProbedPoints.SmallGame(loss, activation, (field, value));
        var key = $"diagnostics-products-{Guid.NewGuid():N}";
        var (game, pair, g, d, batch) = await ProbedPoints.OpenAsync(fixture.Client, spec, key);
        try
        {
            using var oracle = new JointGameField(spec, g.Data, d.Data, batch);
            await game.FieldAsync(game.FieldSlot);
            var field0 = await game.ReadAsync(PlayerBlock.Joint, game.FieldSlot);
            Assert.True(ProbedPoints.RelativeError(field0, oracle.Field()) <= 1e-10, "the field differs from the joint graph's");

            var n = (int)(game.GeneratorSize + game.DiscriminatorSize);
            Assert.Equal(oracle.Size, n);
            Assert.InRange(n, 1000, 2000);
            for (var trial = 0; trial < 2; trial++)
            {
                var (u, product) = (0, 1);
                await game.RandomizeAsync(PlayerBlock.Joint, u, (ulong)(100 + trial));
                var direction = await game.ReadAsync(PlayerBlock.Joint, u);

                await game.ApplyAsync(ProbeProductKind.Jacobian, u, product);
                var ju = await game.ReadAsync(PlayerBlock.Joint, product);
                var expected = oracle.Apply(direction);
                Check("J u", ju, expected);

                await game.ApplyAsync(ProbeProductKind.JacobianTranspose, u, product);
                Check("J^T u", await game.ReadAsync(PlayerBlock.Joint, product), oracle.ApplyTranspose(direction));

                // H_G u_theta = (J (u_theta, 0))_theta and H_D u_psi = (J (0, u_psi))_psi.
                var theta = (int)game.GeneratorSize;
                var onlyTheta = direction.Select((x, i) => i < theta ? x : 0).ToArray();
                var onlyPsi = direction.Select((x, i) => i < theta ? 0 : x).ToArray();
                await game.ApplyAsync(ProbeProductKind.GeneratorHessian, u, product);
                Check("H_G u", await game.ReadAsync(PlayerBlock.Generator, product), oracle.Apply(onlyTheta)[..theta]);
                await game.ApplyAsync(ProbeProductKind.DiscriminatorHessian, u, product);
                Check("H_D u", await game.ReadAsync(PlayerBlock.Discriminator, product), oracle.Apply(onlyPsi)[theta..]);
            }
        }
        finally
        {
            await game.CloseAsync();
            await new PlayerCopies(fixture.Client).ReleaseAsync(key, pair);
        }
    }

    private void Check(string what, double[] actual, double[] expected)
    {
        var error = ProbedPoints.RelativeError(actual, expected);
        output.WriteLine($"{what}: relative error {error:E2} (|expected| = {Math.Sqrt(expected.Sum(x => x * x)):G4})");
        Assert.True(error <= 1e-6, $"{what} from messages differs from the joint graph by {error:E2} relative");
    }
}
