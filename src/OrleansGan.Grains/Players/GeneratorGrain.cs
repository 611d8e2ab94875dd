using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Core.Diagnostics;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Players;
using OrleansGan.Core.Tensors;
using OrleansGan.Grains.Placement;
using static TorchSharp.torch;

namespace OrleansGan.Grains.Players;

/// <summary>
/// Hosts a <see cref="GeneratorPlayer"/>. Each move runs inside one dispose scope and never awaits inside it,
/// since TorchSharp scopes are per thread and a turn may resume on another thread after an await.
/// </summary>
[PlayerPlacement]
public sealed class GeneratorGrain(ILocalSiloDetails silo) : ProbedPlayerGrain<GeneratorProbe>, IGeneratorGrain
{
    private GeneratorPlayer? _player;

    private GeneratorPlayer Player => _player ?? throw new PlayerLostException(
        $"generator {this.GetPrimaryKeyString()} has not joined a game (a new activation on silo {silo.Name}: its seat was lost)");

    /// <inheritdoc />
    public Task JoinAsync(GeneratorSetup setup)
    {
        var player = new GeneratorPlayer(setup);
        _player?.Dispose();
        _player = player;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<FakeMinibatch> ProposeAsync(int batchSize, bool keepForGradient)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "a minibatch needs at least one sample");
        }

        using var scope = NewDisposeScope();
        var (x, labels) = Player.ProposeLabeled(batchSize, keepForGradient);
        var classes = labels?.cpu().to(ScalarType.Int32).data<int>().ToArray();
        return Task.FromResult(new FakeMinibatch(TensorCodec.ToMessage(x), keepForGradient, classes));
    }

    /// <inheritdoc />
    public Task<GeneratorMoveReport> ApplyGradientAsync(GradientMessage message, UpdateRule rule)
    {
        using var scope = NewDisposeScope();
        var gradient = TensorCodec.ToTensor(message.Gradient, Player.Device);
        return Task.FromResult(new GeneratorMoveReport(Player.ApplyGradient(gradient, rule)));
    }

    /// <inheritdoc />
    public Task SaveAnchorAsync()
    {
        Player.SaveAnchor();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<GeneratorTangent> TangentAsync(GradientMessage message)
    {
        using var scope = NewDisposeScope();
        var tangent = Player.Tangent(TensorCodec.ToTensor(message.Gradient, Player.Device));
        return Task.FromResult(new GeneratorTangent(TensorCodec.ToMessage(tangent)));
    }

    /// <inheritdoc />
    public Task<GeneratorMoveReport> ApplyConsensusAsync(ConsensusCorrection correction)
    {
        using var scope = NewDisposeScope();
        var norm = Player.ApplyConsensus(
            TensorCodec.ToTensor(correction.FieldNormGradient, Player.Device),
            TensorCodec.ToTensor(correction.HessianVectorProduct, Player.Device),
            correction.Weight);
        return Task.FromResult(new GeneratorMoveReport(norm));
    }

    /// <inheritdoc />
    public Task<TensorBytes> SampleAsync(int count, ulong seed)
    {
        using var scope = NewDisposeScope();
        return Task.FromResult(TensorCodec.ToMessage(Player.Sample(count, seed)));
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
        Task.FromResult(new PlayerLocation("generator", silo.Name, silo.SiloAddress.ToParsableString(), Player.Spec.Device));

    /// <inheritdoc />
    public Task<ParameterSnapshot> GetParametersAsync() => Task.FromResult(Player.Snapshot());

    /// <inheritdoc />
    public Task<FakeMinibatch> ProbeSamplesAsync(int chunk)
    {
        using var scope = NewDisposeScope();
        var (x, labels) = Probe.Samples(chunk);
        return Task.FromResult(new FakeMinibatch(TensorCodec.ToMessage(x), false, labels?.cpu().to(ScalarType.Int32).data<int>().ToArray()));
    }

    /// <inheritdoc />
    public Task<TensorBytes> ProbeTangentAsync(int slot)
    {
        using var scope = NewDisposeScope();
        return Task.FromResult(TensorCodec.ToMessage(Probe.Tangent(slot)));
    }

    /// <inheritdoc />
    public Task ProbePullbackAsync(ProbePullback pullback)
    {
        using var scope = NewDisposeScope();
        var probe = Probe;
        probe.Pullback(TensorCodec.ToTensor(pullback.Cotangent, probe.Device, probe.DType), pullback.Chunk, pullback.Target, pullback.CurvatureSource, pullback.KeepsGradient);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override GeneratorProbe OpenProbe(ProbeSetup setup) => Player.OpenProbe(setup);

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
}
