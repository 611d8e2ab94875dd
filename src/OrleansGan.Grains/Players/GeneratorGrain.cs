using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Core.Diagnostics;
using OrleansGan.Core.Pictures;
using OrleansGan.Core.Players;
using OrleansGan.Core.Tensors;
using OrleansGan.Grains.Placement;
using static TorchSharp.torch;

namespace OrleansGan.Grains.Players;

/// <summary>Hosts a <see cref="GeneratorPlayer"/>: each move decodes its message, moves, and encodes its answer.</summary>
[PlayerPlacement]
public sealed class GeneratorGrain(ILocalSiloDetails silo) : ProbedPlayerGrain<GeneratorPlayer, GeneratorProbe>(silo, PlayerRole.Generator), IGeneratorGrain
{
    /// <inheritdoc />
    public Task JoinAsync(GeneratorSetup setup) => Join(() => new GeneratorPlayer(setup));

    /// <inheritdoc />
    public Task<FakeMinibatch> ProposeAsync(int batchSize, bool keepForGradient)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "a minibatch needs at least one sample");
        }

        return Move(() => Propose(batchSize, keepForGradient));
    }

    /// <inheritdoc />
    public Task<FakeMinibatch[]> ProposeSeveralAsync(int batchSize, int withoutGradient)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "a minibatch needs at least one sample");
        }

        if (withoutGradient < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(withoutGradient), withoutGradient, "minibatches without a gradient: 0 or more");
        }

        // In draw order, each as its own ProposeAsync would draw it: the player keeps only the last one's graph.
        return Move(() => Enumerable.Range(0, withoutGradient + 1).Select(i => Propose(batchSize, keepForGradient: i == withoutGradient)).ToArray());
    }

    /// <inheritdoc />
    public Task<GeneratorMoveReport> ApplyGradientAsync(GradientMessage message, UpdateRule rule) =>
        Move(() => new GeneratorMoveReport(Player.ApplyGradient(TensorCodec.ToTensor(message.Gradient, Player.Device), rule)));

    /// <inheritdoc />
    public Task<GeneratorTangent> TangentAsync(GradientMessage message) =>
        Move(() => new GeneratorTangent(TensorCodec.ToMessage(Player.Tangent(TensorCodec.ToTensor(message.Gradient, Player.Device)))));

    /// <inheritdoc />
    public Task<GeneratorMoveReport> ApplyConsensusAsync(ConsensusCorrection correction) => Move(() => new GeneratorMoveReport(
        Player.ApplyConsensus(
            TensorCodec.ToTensor(correction.FieldNormGradient, Player.Device),
            TensorCodec.ToTensor(correction.HessianVectorProduct, Player.Device),
            correction.Weight)));

    /// <inheritdoc />
    public Task<TensorBytes> SampleAsync(int count, ulong seed) => Move(() => TensorCodec.ToMessage(Player.Sample(count, seed)));

    /// <inheritdoc />
    public Task<TensorBytes?> ManifoldAsync(int lines) => Move(() => FieldSnapshots.Manifold(Player, lines));

    /// <inheritdoc />
    public Task<FakeMinibatch> ProbeSamplesAsync(int chunk) => Move(() =>
    {
        var (x, labels) = Probe.Samples(chunk);
        return new FakeMinibatch(TensorCodec.ToMessage(x), false, labels?.cpu().to(ScalarType.Int32).data<int>().ToArray());
    });

    /// <inheritdoc />
    public Task<TensorBytes> ProbeTangentAsync(int slot) => Move(() => TensorCodec.ToMessage(Probe.Tangent(slot)));

    /// <inheritdoc />
    public Task ProbePullbackAsync(ProbePullback pullback) => Move(() =>
    {
        var probe = Probe;
        probe.Pullback(TensorCodec.ToTensor(pullback.Cotangent, probe.Device, probe.DType), pullback.Chunk, pullback.Target, pullback.CurvatureSource, pullback.KeepsGradient);
    });

    private FakeMinibatch Propose(int batchSize, bool keepForGradient)
    {
        var (x, labels) = Player.ProposeLabeled(batchSize, keepForGradient);
        var classes = labels?.cpu().to(ScalarType.Int32).data<int>().ToArray();
        return new FakeMinibatch(TensorCodec.ToMessage(x), keepForGradient, classes);
    }
}
