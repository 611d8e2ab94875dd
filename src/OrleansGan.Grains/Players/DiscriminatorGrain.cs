using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Diagnostics;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Players;
using OrleansGan.Core.Tensors;
using OrleansGan.Grains.Placement;
using static TorchSharp.torch;

namespace OrleansGan.Grains.Players;

/// <summary>Hosts a <see cref="DiscriminatorPlayer"/>; one dispose scope per move, no await inside it.</summary>
[PlayerPlacement]
public sealed class DiscriminatorGrain(ILocalSiloDetails silo) : ProbedPlayerGrain<DiscriminatorProbe>, IDiscriminatorGrain
{
    private DiscriminatorPlayer? _player;

    private DiscriminatorPlayer Player => _player ?? throw new PlayerLostException(
        $"discriminator {this.GetPrimaryKeyString()} has not joined a game (a new activation on silo {silo.Name}: its seat was lost)");

    /// <inheritdoc />
    public Task JoinAsync(DiscriminatorSetup setup)
    {
        var player = new DiscriminatorPlayer(setup);
        _player?.Dispose();
        _player = player;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<DiscriminatorMoveReport> UpdateAsync(FakeMinibatch fake, UpdateRule rule)
    {
        using var scope = NewDisposeScope();
        return Task.FromResult(Player.Update(Receive(fake), rule, ReceiveLabels(fake), fake.Round));
    }

    /// <inheritdoc />
    public Task<GradientMessage> JudgeAsync(FakeMinibatch fake)
    {
        using var scope = NewDisposeScope();
        return Task.FromResult(Judge(Receive(fake), ReceiveLabels(fake), fake.Round));
    }

    /// <inheritdoc />
    public Task<JudgeThenUpdateReply> JudgeThenUpdateAsync(FakeMinibatch fake, UpdateRule rule)
    {
        using var scope = NewDisposeScope();
        var x = Receive(fake);
        var labels = ReceiveLabels(fake);
        var gradient = Judge(x, labels, fake.Round);
        return Task.FromResult(new JudgeThenUpdateReply(gradient, Player.Update(x, rule, labels, fake.Round)));
    }

    /// <inheritdoc />
    public Task<JudgeThenUpdateReply> JudgeUnrolledThenUpdateAsync(FakeMinibatch fake, int unrollSteps, bool throughSteps)
    {
        using var scope = NewDisposeScope();
        var ((gradient, cost, meanFake), update) = Player.JudgeUnrolledThenUpdate(Receive(fake), unrollSteps, throughSteps, ReceiveLabels(fake), fake.Round);
        return Task.FromResult(new JudgeThenUpdateReply(new GradientMessage(TensorCodec.ToMessage(gradient), cost, meanFake), update));
    }

    /// <inheritdoc />
    public Task SaveAnchorAsync()
    {
        Player.SaveAnchor();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ConsensusJudgment> ConsensusJudgeAsync(FakeMinibatch fake)
    {
        using var scope = NewDisposeScope();
        var (gradient, cost, meanFake, fieldNormGradient) = Player.ConsensusJudge(Receive(fake), ReceiveLabels(fake), fake.Round);
        return Task.FromResult(new ConsensusJudgment(
            new GradientMessage(TensorCodec.ToMessage(gradient), cost, meanFake), TensorCodec.ToMessage(fieldNormGradient)));
    }

    /// <inheritdoc />
    public Task<ConsensusUpdateReply> ConsensusUpdateAsync(GeneratorTangent tangent, double weight)
    {
        using var scope = NewDisposeScope();
        var (hessianVectorProduct, report) = Player.ConsensusUpdate(TensorCodec.ToTensor(tangent.Value, Player.Device), weight);
        return Task.FromResult(new ConsensusUpdateReply(TensorCodec.ToMessage(hessianVectorProduct), report));
    }

    /// <inheritdoc />
    public Task<DiscriminatorEvaluation> EvaluateAsync(TensorBytes fake, ulong seed)
    {
        using var scope = NewDisposeScope();
        return Task.FromResult(Player.Evaluate(TensorCodec.ToTensor(fake, Player.Device), seed));
    }

    /// <inheritdoc />
    public Task<PlayerState> SaveStateAsync() => Task.FromResult(new PlayerState(Player.SaveState()));

    /// <inheritdoc />
    public Task RestoreStateAsync(PlayerState state)
    {
        Player.RestoreState(state.Data);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PlayerLocation> GetLocationAsync() =>
        Task.FromResult(new PlayerLocation("discriminator", silo.Name, silo.SiloAddress.ToParsableString(), Player.Setup.Spec.Device));

    /// <inheritdoc />
    public Task<ParameterSnapshot> GetParametersAsync() => Task.FromResult(Player.Snapshot());

    /// <inheritdoc />
    public Task<double> ValueAsync(TensorBytes fake, ulong seed, DataPart? part)
    {
        using var scope = NewDisposeScope();
        return Task.FromResult(Player.Value(TensorCodec.ToTensor(fake, Player.Device), seed, part));
    }

    /// <inheritdoc />
    public Task<ProbeJudgment> ProbeJudgeAsync(FakeMinibatch fake, int chunk, int fieldSlot)
    {
        using var scope = NewDisposeScope();
        var probe = Probe;
        var (gradient, costD, costG, meanReal, meanFake) = probe.Judge(
            TensorCodec.ToTensor(fake.Samples, probe.Device, probe.DType), ReceiveLabels(fake), chunk, fieldSlot);
        return Task.FromResult(new ProbeJudgment(TensorCodec.ToMessage(gradient), costD, costG, meanReal, meanFake));
    }

    /// <inheritdoc />
    public Task<TensorBytes?> ProbeProductAsync(ProbeProduct product)
    {
        using var scope = NewDisposeScope();
        var probe = Probe;
        var tangent = product.Tangent is null ? null : TensorCodec.ToTensor(product.Tangent, probe.Device, probe.DType);
        var cotangent = probe.Product(product.Kind, tangent, product.Source, product.Target);
        return Task.FromResult(cotangent is null ? null : TensorCodec.ToMessage(cotangent));
    }

    /// <inheritdoc />
    protected override DiscriminatorProbe OpenProbe(ProbeSetup setup) => Player.OpenProbe(setup);

    /// <inheritdoc />
    protected override PlayerNetwork NetworkOf(byte[] state) => Player.NetworkOf(state);

    /// <inheritdoc />
    protected override void RestoreWeights(byte[] state, double perturbation, ulong seed) => Player.RestoreWeights(state, perturbation, seed);

    /// <inheritdoc />
    protected override void DropPlayer()
    {
        _player?.Dispose();
        _player = null;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CloseProbe();
        _player?.Dispose();
        _player = null;
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

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
