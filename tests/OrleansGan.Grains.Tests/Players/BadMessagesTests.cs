using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Tests.Cluster;

namespace OrleansGan.Grains.Tests.Players;

/// <summary>A malformed message gets an error that names what is wrong, and the player it reached is unharmed.</summary>
[Collection(ClusterCollection.Name)]
public class BadMessagesTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Malformed_minibatches_and_gradients_are_refused_and_the_players_play_on()
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string> { ["batchSize"] = "8", ["generator.hidden"] = "[8]", ["discriminator.hidden"] = "[8]" });
        var g = fixture.Client.GetGrain<IGeneratorGrain>("bad-messages/generator");
        var d = fixture.Client.GetGrain<IDiscriminatorGrain>("bad-messages/discriminator");
        await g.JoinAsync(new GeneratorSetup(spec.Generator, 1));
        await d.JoinAsync(new DiscriminatorSetup(spec.Discriminator, 2, spec.Data, spec.Loss, spec.BatchSize));
        var before = await d.GetParametersAsync();

        var threeWide = new FakeMinibatch(new TensorBytes(new byte[8 * 3 * 4], [8, 3]), false);
        Assert.Contains("fake minibatch has shape [8,3]", (await Assert.ThrowsAnyAsync<Exception>(() => d.UpdateAsync(threeWide, UpdateRule.Plain))).Message);

        var short_ = new FakeMinibatch(new TensorBytes(new byte[10], [8, 2]), false);
        Assert.Contains("needs 64 bytes, has 10", (await Assert.ThrowsAnyAsync<Exception>(() => d.JudgeAsync(short_))).Message);

        var gradient = new GradientMessage(new TensorBytes(new byte[8 * 2 * 4], [8, 2]), 0, 0);
        Assert.Contains("no fake minibatch is waiting", (await Assert.ThrowsAnyAsync<Exception>(() => g.ApplyGradientAsync(gradient, UpdateRule.Plain))).Message);

        var fake = await g.ProposeAsync(8, keepForGradient: true);
        var wrong = new GradientMessage(new TensorBytes(new byte[4 * 2 * 4], [4, 2]), 0, 0);
        Assert.Contains("has shape [4,2] but the fake minibatch has [8,2]", (await Assert.ThrowsAnyAsync<Exception>(() => g.ApplyGradientAsync(wrong, UpdateRule.Plain))).Message);
        Assert.Contains("saved anchor", (await Assert.ThrowsAnyAsync<Exception>(() => d.UpdateAsync(fake, UpdateRule.FromAnchor))).Message);

        // Nothing changed, and the game goes on.
        Assert.Equal(before.Values.Select(v => v.Data), (await d.GetParametersAsync()).Values.Select(v => v.Data));
        var reply = await d.JudgeThenUpdateAsync(fake, UpdateRule.Plain);
        var report = await g.ApplyGradientAsync(reply.Gradient, UpdateRule.Plain);
        Assert.True(double.IsFinite(report.GradientNorm) && report.GradientNorm > 0);
    }

    [Fact]
    public async Task A_bad_minibatch_in_a_batched_alternating_move_is_refused_before_any_update()
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string> { ["batchSize"] = "8", ["generator.hidden"] = "[8]", ["discriminator.hidden"] = "[8]" });
        var g = fixture.Client.GetGrain<IGeneratorGrain>("bad-batched/generator");
        var d = fixture.Client.GetGrain<IDiscriminatorGrain>("bad-batched/discriminator");
        await g.JoinAsync(new GeneratorSetup(spec.Generator, 1));
        await d.JoinAsync(new DiscriminatorSetup(spec.Discriminator, 2, spec.Data, spec.Loss, spec.BatchSize));
        var before = await d.GetParametersAsync();

        Assert.Contains("minibatches without a gradient", (await Assert.ThrowsAnyAsync<Exception>(() => g.ProposeSeveralAsync(8, -1))).Message);
        var fakes = await g.ProposeSeveralAsync(8, 2);
        Assert.Equal([false, false, true], fakes.Select(f => f.KeptForGradient));

        // The bad minibatch comes second: the first must not have been stepped on either.
        var threeWide = new FakeMinibatch(new TensorBytes(new byte[8 * 3 * 4], [8, 3]), false);
        Assert.Contains("fake minibatch has shape [8,3]",
            (await Assert.ThrowsAnyAsync<Exception>(() => d.UpdateThenJudgeAsync([fakes[0], threeWide], fakes[2], UpdateRule.Plain))).Message);
        Assert.Contains("fake minibatch has shape [8,3]",
            (await Assert.ThrowsAnyAsync<Exception>(() => d.UpdateThenJudgeAsync([fakes[0], fakes[1]], threeWide, UpdateRule.Plain))).Message);
        Assert.Contains("saved anchor",
            (await Assert.ThrowsAnyAsync<Exception>(() => d.UpdateThenJudgeAsync([fakes[0]], fakes[2], UpdateRule.FromAnchor))).Message);
        Assert.Equal(before.Values.Select(v => v.Data), (await d.GetParametersAsync()).Values.Select(v => v.Data));

        var reply = await d.UpdateThenJudgeAsync(fakes[..2], fakes[2], UpdateRule.Plain);
        Assert.Equal(2, reply.Updates.Length);
        Assert.NotEqual(before.Values.Select(v => v.Data), (await d.GetParametersAsync()).Values.Select(v => v.Data));
        var report = await g.ApplyGradientAsync(reply.Gradient, UpdateRule.Plain);
        Assert.True(double.IsFinite(report.GradientNorm) && report.GradientNorm > 0);
    }

    [Fact]
    public async Task Bad_class_labels_are_refused_naming_the_problem_and_the_players_play_on()
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["batchSize"] = "8", ["generator.hidden"] = "[8]", ["discriminator.hidden"] = "[8]", ["stabilizers.classLabels"] = "conditional",
        });
        var g = fixture.Client.GetGrain<IGeneratorGrain>("bad-labels/generator");
        var d = fixture.Client.GetGrain<IDiscriminatorGrain>("bad-labels/discriminator");
        await g.JoinAsync(new GeneratorSetup(spec.Generator, 1, Classes: 8));
        await d.JoinAsync(new DiscriminatorSetup(spec.Discriminator, 2, spec.Data, spec.Loss, spec.BatchSize, spec.Stabilizers));
        var before = await d.GetParametersAsync();

        var fake = await g.ProposeAsync(8, keepForGradient: true);
        Assert.NotNull(fake.Labels);
        Assert.Equal(8, fake.Labels.Length);
        Assert.All(fake.Labels, y => Assert.InRange(y, 0, 7));

        Assert.Contains("fake minibatch has 3 class labels for 8 samples",
            (await Assert.ThrowsAnyAsync<Exception>(() => d.UpdateAsync(fake with { Labels = [1, 2, 3] }, UpdateRule.Plain))).Message);
        Assert.Contains("fake minibatch has class label 9 at sample 0, outside the classes 0..7",
            (await Assert.ThrowsAnyAsync<Exception>(() => d.JudgeThenUpdateAsync(fake with { Labels = [9, 0, 0, 0, 0, 0, 0, 0] }, UpdateRule.Plain))).Message);
        Assert.Contains("fake minibatch has no class labels",
            (await Assert.ThrowsAnyAsync<Exception>(() => d.JudgeAsync(fake with { Labels = null }))).Message);

        Assert.Equal(before.Values.Select(v => v.Data), (await d.GetParametersAsync()).Values.Select(v => v.Data));
        var reply = await d.JudgeThenUpdateAsync(fake, UpdateRule.Plain);
        var report = await g.ApplyGradientAsync(reply.Gradient, UpdateRule.Plain);
        Assert.True(double.IsFinite(report.GradientNorm) && report.GradientNorm > 0);
    }
}
