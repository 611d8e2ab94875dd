using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Diagnostics;
using OrleansGan.Core.Pictures;
using OrleansGan.Core.Players;
using OrleansGan.Core.Tensors;
using OrleansGan.Grains.Placement;
using static TorchSharp.torch;

namespace OrleansGan.Grains.Players;

/// <summary>Hosts a <see cref="DiscriminatorPlayer"/>: each move decodes its message, moves, and encodes its answer.</summary>
[PlayerPlacement]
public sealed class DiscriminatorGrain(ILocalSiloDetails silo) : ProbedPlayerGrain<DiscriminatorPlayer, DiscriminatorProbe>(silo, PlayerRole.Discriminator), IDiscriminatorGrain
{
    /// <inheritdoc />
    public Task JoinAsync(DiscriminatorSetup setup) => Join(() => new DiscriminatorPlayer(setup));

    /// <inheritdoc />
    public Task<DiscriminatorMoveReport> UpdateAsync(FakeMinibatch fake, UpdateRule rule) =>
        Move(() => Player.Update(Receive(fake), rule, ReceiveLabels(fake), fake.Round));

    /// <inheritdoc />
    public Task<GradientMessage> JudgeAsync(FakeMinibatch fake) => Move(() => Judge(Receive(fake), ReceiveLabels(fake), fake.Round));

    /// <inheritdoc />
    public Task<UpdatesThenJudgment> UpdateThenJudgeAsync(FakeMinibatch[] updates, FakeMinibatch judged, UpdateRule rule)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(judged);
        return Move(() =>
        {
            // Every message decoded (and so checked) before the first update: a bad one in the batch changes nothing.
            var (reports, (gradient, cost, meanFake)) = Player.UpdateThenJudge(
                [.. updates.Select(fake => (Receive(fake), ReceiveLabels(fake), fake.Round))], (Receive(judged), ReceiveLabels(judged), judged.Round), rule);
            return new UpdatesThenJudgment(reports, new GradientMessage(TensorCodec.ToMessage(gradient), cost, meanFake));
        });
    }

    /// <inheritdoc />
    public Task<JudgeThenUpdateReply> JudgeThenUpdateAsync(FakeMinibatch fake, UpdateRule rule) => Move(() =>
    {
        var x = Receive(fake);
        var labels = ReceiveLabels(fake);
        var gradient = Judge(x, labels, fake.Round);
        return new JudgeThenUpdateReply(gradient, Player.Update(x, rule, labels, fake.Round));
    });

    /// <inheritdoc />
    public Task<JudgeThenUpdateReply> JudgeUnrolledThenUpdateAsync(FakeMinibatch fake, int unrollSteps, bool throughSteps) => Move(() =>
    {
        var ((gradient, cost, meanFake), update) = Player.JudgeUnrolledThenUpdate(Receive(fake), unrollSteps, throughSteps, ReceiveLabels(fake), fake.Round);
        return new JudgeThenUpdateReply(new GradientMessage(TensorCodec.ToMessage(gradient), cost, meanFake), update);
    });

    /// <inheritdoc />
    public Task<ConsensusJudgment> ConsensusJudgeAsync(FakeMinibatch fake) => Move(() =>
    {
        var (gradient, cost, meanFake, fieldNormGradient) = Player.ConsensusJudge(Receive(fake), ReceiveLabels(fake), fake.Round);
        return new ConsensusJudgment(new GradientMessage(TensorCodec.ToMessage(gradient), cost, meanFake), TensorCodec.ToMessage(fieldNormGradient));
    });

    /// <inheritdoc />
    public Task<ConsensusUpdateReply> ConsensusUpdateAsync(GeneratorTangent tangent, double weight) => Move(() =>
    {
        var (hessianVectorProduct, report) = Player.ConsensusUpdate(TensorCodec.ToTensor(tangent.Value, Player.Device), weight);
        return new ConsensusUpdateReply(TensorCodec.ToMessage(hessianVectorProduct), report);
    });

    /// <inheritdoc />
    public Task<DiscriminatorEvaluation> EvaluateAsync(TensorBytes fake, ulong seed) =>
        Move(() => Player.Evaluate(TensorCodec.ToTensor(fake, Player.Device), seed));

    /// <inheritdoc />
    public Task<DiscriminatorField> FieldAsync(TensorBytes fake, int cells, double extent, int round, ulong noiseSeed) => Move(() =>
    {
        var (values, absent, gradient) = FieldSnapshots.Discriminator(Player, TensorCodec.ToTensor(fake, Player.Device), round, cells, extent, noiseSeed);
        return new DiscriminatorField(values, absent, gradient);
    });

    /// <inheritdoc />
    public Task<double> ValueAsync(TensorBytes fake, ulong seed, DataPart? part) =>
        Move(() => Player.Value(TensorCodec.ToTensor(fake, Player.Device), seed, part));

    /// <inheritdoc />
    public Task<ProbeJudgment> ProbeJudgeAsync(FakeMinibatch fake, int chunk, int fieldSlot) => Move(() =>
    {
        var probe = Probe;
        var (gradient, costD, costG, meanReal, meanFake) = probe.Judge(
            TensorCodec.ToTensor(fake.Samples, probe.Device, probe.DType), ReceiveLabels(fake), chunk, fieldSlot);
        return new ProbeJudgment(TensorCodec.ToMessage(gradient), costD, costG, meanReal, meanFake);
    });

    /// <inheritdoc />
    public Task<TensorBytes?> ProbeProductAsync(ProbeProduct product) => Move(() =>
    {
        var probe = Probe;
        var tangent = product.Tangent is null ? null : TensorCodec.ToTensor(product.Tangent, probe.Device, probe.DType);
        var cotangent = probe.Product(product.Kind, tangent, product.Source, product.Target);
        return cotangent is null ? null : TensorCodec.ToMessage(cotangent);
    });

    private Tensor Receive(FakeMinibatch fake) => TensorCodec.ToTensor(fake.Samples, Player.Device);

    // The classes travel as plain integers; the player checks their count and range.
    private static Tensor? ReceiveLabels(FakeMinibatch fake) =>
        fake.Labels is null ? null : tensor(fake.Labels.Select(y => (long)y).ToArray(), ScalarType.Int64);

    private GradientMessage Judge(Tensor fake, Tensor? labels, int round)
    {
        var (gradient, cost, meanFake) = Player.Judge(fake, labels, round);
        return new GradientMessage(TensorCodec.ToMessage(gradient), cost, meanFake);
    }
}
