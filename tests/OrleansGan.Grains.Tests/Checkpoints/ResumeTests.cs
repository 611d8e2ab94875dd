using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Tests.Cluster;
using OrleansGan.Grains.Tests.Game;

namespace OrleansGan.Grains.Tests.Checkpoints;

/// <summary>A game resumed from its checkpoint plays exactly the rounds it would have played; bad checkpoints are refused.</summary>
[Collection(ClusterCollection.Name)]
public class ResumeTests(ClusterFixture fixture)
{
    private readonly FileCheckpointStore _store = new(fixture.CheckpointRoot);

    // "+wgan": RMSprop players (whose running averages must come back), a clipped critic and WGAN-GP's penalty.
    // "+dataset": a fixed dataset of 100 samples, so the checkpoint at round 30 falls inside a pass (10th pass, 20 in).
    public static TheoryData<string> Protocols() => ["simultaneous", "optimistic", "extragradient", "alternating(2,1)", "alternating(2,1)+wgan", "simultaneous+dataset"];

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Resuming_replays_the_rounds_after_the_checkpoint_exactly(string protocol)
    {
        var spec = Spec(protocol, rounds: 40, every: 15);
        var id = $"resume-{protocol.Replace('(', '-').Replace(')', '-').Replace(',', '-').Replace('+', '-')}";
        var (first, uninterrupted, evaluations) = await GameRunner.PlayAsync(fixture.Client, id, spec);
        Assert.Equal(GameState.Finished, first.State);

        var game = fixture.Client.GetGrain<IGameGrain>(id);
        Assert.Equal(30, await game.ResumeAsync(spec));
        var resumed = await GameRunner.FollowAsync(fixture.Client, game, TimeSpan.FromMinutes(2));
        Assert.Equal(GameState.Finished, resumed.Last.State);
        Assert.Equal(uninterrupted.Select(Figures), resumed.Rounds.Select(Figures));
        Assert.Equal(evaluations.Select(e => (e.Round, e.ModesCovered, e.HighQualityFraction, e.ReverseKl)), resumed.Evaluations.Select(e => (e.Round, e.ModesCovered, e.HighQualityFraction, e.ReverseKl)));
    }

    [Fact]
    public async Task Damaged_truncated_or_foreign_checkpoints_are_refused_and_left_as_they_are()
    {
        var spec = Spec("simultaneous", rounds: 20, every: 10);
        const string id = "resume-damaged";
        await GameRunner.PlayAsync(fixture.Client, id, spec);
        var path = _store.Describe(id);
        var intact = await File.ReadAllBytesAsync(path);
        var game = fixture.Client.GetGrain<IGameGrain>(id);

        var flipped = (byte[])intact.Clone();
        flipped[intact.Length / 2] ^= 0x40;
        foreach (var (bytes, expected) in new[] { (flipped, "damaged or truncated"), (intact[..(intact.Length - 100)], "damaged or truncated"), ("hello"u8.ToArray(), "not an OrleansGan checkpoint") })
        {
            await File.WriteAllBytesAsync(path, bytes);
            var error = await Assert.ThrowsAnyAsync<Exception>(() => game.ResumeAsync(null));
            Assert.Contains(expected, error.Message);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        }

        await File.WriteAllBytesAsync(path, intact);
        var other = spec with { BatchSize = 16, Seed = 99 };
        var mismatch = await Assert.ThrowsAnyAsync<Exception>(() => game.ResumeAsync(other));
        Assert.Contains("different spec", mismatch.Message);
        Assert.Contains("seed", mismatch.Message);
        Assert.Contains("batchSize", mismatch.Message);
        Assert.Equal(20, await game.ResumeAsync(spec));
    }

    [Fact]
    public async Task A_game_without_checkpoint_cannot_resume()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Client.GetGrain<IGameGrain>("never-played").ResumeAsync(null));
        Assert.Contains("has no checkpoint", error.Message);
    }

    [Fact]
    public async Task A_diverging_game_stops_and_keeps_its_last_good_checkpoint()
    {
        // Maximum likelihood with a huge discriminator step: exp(logit) overflows within a few dozen rounds.
        var spec = Spec("simultaneous", rounds: 2000, every: 1) with { Loss = LossKind.MaximumLikelihood };
        spec = spec with { Discriminator = spec.Discriminator with { Optimizer = spec.Discriminator.Optimizer with { Kind = OptimizerKind.Sgd, LearningRate = 20 } } };
        const string id = "resume-diverging";
        var (last, rounds, _) = await GameRunner.PlayAsync(fixture.Client, id, spec);
        Assert.True(last.State == GameState.Diverged, $"{last.State}: {last.Error}");
        Assert.StartsWith($"diverged at round {rounds[^1].Round}", last.Error);

        var diverged = rounds[^1].Round;
        Assert.True(diverged > 1, $"diverged already at round {diverged}");
        var checkpoint = GameCheckpointFormat.Read((await _store.LoadAsync(id))!, id);
        Assert.Equal(diverged - 1, checkpoint.Round);
        await using var log = new FileGameLogStore(fixture.CheckpointRoot).Rounds(id);
        var checkpointed = await log.ReadAsync(0, checkpoint.Round);
        Assert.Equal(checkpoint.Round, checkpointed.Count);
        Assert.All(checkpointed, r => Assert.True(double.IsFinite(r.GeneratorLoss) && double.IsFinite(r.DiscriminatorLoss)));
    }

    private static (int, double, double, double) Figures(RoundRecord r) => (r.Round, r.DiscriminatorLoss, r.GeneratorLoss, r.GeneratorGradientNorm);

    private static GameSpec Spec(string protocol, int rounds, int every)
    {
        var (kind, kD, kG) = protocol.StartsWith("alternating", StringComparison.Ordinal) ? ("alternating", "2", "1") : (protocol, "1", "1");
        var wgan = protocol.EndsWith("+wgan", StringComparison.Ordinal)
            ? new Dictionary<string, string>
            {
                ["loss"] = "wasserstein", ["generator.optimizer.kind"] = "rmsprop", ["discriminator.optimizer.kind"] = "rmsprop",
                ["discriminator.weightClip"] = "0.05", ["stabilizers.gradientPenalty"] = "10",
            }
            : protocol.EndsWith("+dataset", StringComparison.Ordinal)
                ? new Dictionary<string, string> { ["data.size"] = "100", ["evaluation.rule"] = "veegan-pacgan" }
                : [];
        kind = kind.Split('+')[0];
        return GameSpecLoader.Load(null, wgan.Concat(new Dictionary<string, string>
        {
            ["name"] = "resume", ["seed"] = "3", ["rounds"] = rounds.ToString(System.Globalization.CultureInfo.InvariantCulture), ["batchSize"] = "32",
            ["protocol.kind"] = kind, ["protocol.discriminatorSteps"] = kD, ["protocol.generatorSteps"] = kG,
            ["generator.hidden"] = "[16]", ["discriminator.hidden"] = "[16]",
            ["evaluation.every"] = "10", ["evaluation.samples"] = "200",
            ["checkpoint.every"] = every.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
    }
}
