using OrleansGan.Abstractions.Players;
using OrleansGan.Core.Native;
using OrleansGan.Core.Players;
using OrleansGan.Core.Tensors;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Players;

/// <summary>A player restored from its saved state continues exactly as the original does.</summary>
public class PlayerStateTests
{
    public PlayerStateTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(UpdateRule.Plain)]
    [InlineData(UpdateRule.Optimistic)]
    public void Restored_players_continue_bit_for_bit(UpdateRule rule)
    {
        using var g = new GeneratorPlayer(PlayerFixtures.Generator(1));
        using var d = new DiscriminatorPlayer(PlayerFixtures.Discriminator(2));
        Play(g, d, rule, rounds: 3);
        g.SaveAnchor();
        d.SaveAnchor();

        // Different seeds, so only the restored state can make them equal.
        using var g2 = new GeneratorPlayer(PlayerFixtures.Generator(99));
        using var d2 = new DiscriminatorPlayer(PlayerFixtures.Discriminator(98));
        g2.RestoreState(g.SaveState());
        d2.RestoreState(d.SaveState());

        var original = Play(g, d, rule, rounds: 4);
        var restored = Play(g2, d2, rule, rounds: 4);
        Assert.Equal(original, restored);
        PlayerFixtures.AssertSameParameters(g.Snapshot(), g2.Snapshot());
        PlayerFixtures.AssertSameParameters(d.Snapshot(), d2.Snapshot());

        // The extragradient anchor travelled too.
        using var scope = NewDisposeScope();
        var x1 = g.Propose(PlayerFixtures.BatchSize, keepForGradient: true);
        var x2 = g2.Propose(PlayerFixtures.BatchSize, keepForGradient: true);
        g.ApplyGradient(ones_like(x1), UpdateRule.FromAnchor);
        g2.ApplyGradient(ones_like(x2), UpdateRule.FromAnchor);
        PlayerFixtures.AssertSameParameters(g.Snapshot(), g2.Snapshot());
    }

    [Fact]
    public void A_truncated_state_is_refused_and_changes_nothing()
    {
        using var g = new GeneratorPlayer(PlayerFixtures.Generator(1));
        var state = g.SaveState();
        using var other = new GeneratorPlayer(PlayerFixtures.Generator(5));
        var before = other.Snapshot();
        foreach (var length in new[] { 20, state.Length / 2, state.Length - 3 })
        {
            var error = Assert.Throws<InvalidDataException>(() => other.RestoreState(state[..length]));
            Assert.Contains("truncated", error.Message);
            PlayerFixtures.AssertSameParameters(before, other.Snapshot());
        }
    }

    [Fact]
    public void A_state_of_the_other_player_or_of_another_shape_is_refused()
    {
        using var g = new GeneratorPlayer(PlayerFixtures.Generator(1));
        using var d = new DiscriminatorPlayer(PlayerFixtures.Discriminator(2));
        Assert.Contains("saved by a generator", Assert.Throws<InvalidDataException>(() => d.RestoreState(g.SaveState())).Message);

        var wider = PlayerFixtures.Generator(3);
        using var g3 = new GeneratorPlayer(wider with { Spec = wider.Spec with { Hidden = [32, 16] } });
        Assert.Contains("parameter 0 was saved as [16,4]", Assert.Throws<InvalidDataException>(() => g3.RestoreState(g.SaveState())).Message);
        Assert.Contains("not an OrleansGan player state", Assert.Throws<InvalidDataException>(() => g3.RestoreState(new byte[64])).Message);
    }

    private static List<float> Play(GeneratorPlayer g, DiscriminatorPlayer d, UpdateRule rule, int rounds)
    {
        var trace = new List<float>();
        for (var round = 0; round < rounds; round++)
        {
            using var scope = NewDisposeScope();
            var x = g.Propose(PlayerFixtures.BatchSize, keepForGradient: true);
            var (gradient, cost, _) = d.Judge(x);
            var report = d.Update(x, rule);
            g.ApplyGradient(gradient, rule);
            trace.AddRange(TensorCodec.ToArray(TensorCodec.ToMessage(x)));
            trace.Add((float)cost);
            trace.Add((float)report.DiscriminatorLoss);
        }

        return trace;
    }
}
