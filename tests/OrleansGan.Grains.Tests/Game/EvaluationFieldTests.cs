using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Pictures;
using OrleansGan.Core.Reference;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Tensors;
using OrleansGan.Grains.Tests.Cluster;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>
/// Every evaluation of a 2-D game records its field from the player grains, and it is the field of the players the
/// game holds: the one a checkpoint of the same round rebuilds on the client, bit for bit. Taking it changes nothing
/// the game plays (with instance noise, whose stream a careless judgment would draw from).
/// </summary>
[Collection(ClusterCollection.Name)]
public class EvaluationFieldTests(ClusterFixture fixture)
{
    private static GameSpec Spec(bool noise, int rounds = 40, int fieldEvery = 1) => GameSpecLoader.Load(null, new Dictionary<string, string>
    {
        ["name"] = "field", ["seed"] = "11", ["rounds"] = $"{rounds}", ["batchSize"] = "32", ["protocol.kind"] = "simultaneous",
        ["generator.hidden"] = "[16]", ["discriminator.hidden"] = "[16]", ["evaluation.every"] = "20", ["evaluation.samples"] = "100",
        ["checkpoint.every"] = "40", ["stabilizers.instanceNoise.sigma0"] = noise ? "0.3" : "0", ["evaluation.fieldEvery"] = $"{fieldEvery}",
    });

    [Fact]
    public async Task The_field_switch_changes_which_evaluations_hold_a_field_and_nothing_the_game_plays()
    {
        // Instance noise on: a judgment that drew from D's stream would put every round after the first field off.
        var on = await GameRunner.PlayAsync(fixture.Client, "field-switch-on", Spec(noise: true, rounds: 50, fieldEvery: 1));
        var off = await GameRunner.PlayAsync(fixture.Client, "field-switch-off", Spec(noise: true, rounds: 50, fieldEvery: 0));
        var third = await GameRunner.PlayAsync(fixture.Client, "field-switch-third", Spec(noise: true, rounds: 50, fieldEvery: 3));
        foreach (var game in new[] { on, off, third })
        {
            Assert.Equal(GameState.Finished, game.Last.State);
            Assert.Equal([0, 20, 40, 50], game.Evaluations.Select(e => e.Round));
        }

        Assert.All(on.Evaluations, e => Assert.NotNull(e.Field));
        Assert.All(off.Evaluations, e => Assert.Null(e.Field));

        // Every third evaluation by round (0, 60, ...) and the last.
        Assert.Equal([true, false, false, true], third.Evaluations.Select(e => e.Field is not null));

        // The same rounds and evaluations to the bit, whichever evaluations took a field.
        Assert.Equal(50, on.Rounds.Count);
        Assert.Equal(on.Rounds, off.Rounds);
        Assert.Equal(on.Rounds, third.Rounds);
        for (var i = 0; i < on.Evaluations.Count; i++)
        {
            Assert.Equal(on.Evaluations[i] with { Field = null, Samples = off.Evaluations[i].Samples }, off.Evaluations[i]);
            Assert.Equal(on.Evaluations[i].Samples.Data, off.Evaluations[i].Samples.Data);
            Assert.Equal(on.Evaluations[i].Samples.Data, third.Evaluations[i].Samples.Data);
        }

        Assert.Equal(on.Evaluations[^1].Field!.Gradient.Data, third.Evaluations[^1].Field!.Gradient.Data);
        Assert.Equal(on.Evaluations[^1].Field!.Values!.Data, third.Evaluations[^1].Field!.Values!.Data);
    }

    [Fact]
    public async Task Each_evaluation_holds_the_field_a_checkpoint_of_its_round_gives()
    {
        var spec = Spec(noise: true);
        var (last, rounds, evaluations) = await GameRunner.PlayAsync(fixture.Client, "field-recorded", spec);
        Assert.Equal(GameState.Finished, last.State);
        Assert.Equal([0, 20, 40], evaluations.Select(e => e.Round));
        Assert.All(evaluations, e => Assert.NotNull(e.Field));

        var field = evaluations[^1].Field!;
        Assert.Equal([FieldSnapshots.DefaultCells, FieldSnapshots.DefaultCells], field.Values!.Shape);
        Assert.Equal(evaluations[^1].Samples.Shape, field.Gradient.Shape);
        Assert.Equal([FieldSnapshots.DefaultLatentLines, FieldSnapshots.DefaultLatentLines, 2], field.Manifold!.Shape);

        var store = new FileCheckpointStore(fixture.CheckpointRoot);
        var checkpoint = GameCheckpointFormat.Read((await store.LoadAsync("field-recorded", CancellationToken.None))!, "test");
        Assert.Equal(40, checkpoint.Round);
        var rebuilt = FieldSnapshots.FromCheckpoint(checkpoint);
        var recorded = FieldSnapshots.FromEvaluation(spec, evaluations[^1]);
        Assert.Equal(rebuilt.Fake.Data, recorded.Fake.Data);
        Assert.Equal(rebuilt.Values!.Data, recorded.Values!.Data);
        Assert.Equal(rebuilt.Gradient!.Data, recorded.Gradient!.Data);
        Assert.Equal(rebuilt.Manifold!.Data, recorded.Manifold!.Data);
        Assert.Equal(rebuilt.ModeShares, recorded.ModeShares);
        Assert.True(TensorCodec.ToArray(field.Gradient).Any(g => g != 0), "the gradient message is all zeros");

        // Taking the fields drew nothing from the players' streams: the game played the reference trainer's rounds,
        // which takes none (a judgment drawing its instance noise from D's stream would put every later round off).
        using var reference = new ReferenceTrainer(spec);
        for (var round = 1; round <= spec.Rounds; round++)
        {
            var expected = reference.PlayRound(round);
            Assert.True(Math.Abs(expected.DiscriminatorLoss - rounds[round - 1].DiscriminatorLoss) <= 1e-4 * Math.Abs(expected.DiscriminatorLoss),
                $"J_D at round {round}: reference {expected.DiscriminatorLoss:R}, grains {rounds[round - 1].DiscriminatorLoss:R}");
        }
    }
}
