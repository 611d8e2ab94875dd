using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Devices;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Optimizers;
using OrleansGan.Core.Players;
using OrleansGan.Core.Randomness;
using static TorchSharp.torch;

namespace OrleansGan.Core.Reference;

/// <summary>
/// A GAN trained the way one would without grains: both networks in one process and one autograd graph, the
/// generator's gradient flowing through D(G(z)) directly. It shares only the building blocks (networks, losses, data,
/// seeds) with the players, so it is the oracle for the message-passing game and its performance baseline.
/// </summary>
public sealed class ReferenceTrainer : IDisposable
{
    private readonly GameSpec _spec;
    private readonly Device _device;
    private readonly GaussianMixture _data;
    private readonly GanLoss _loss;
    private readonly Generator _generatorStream;
    private readonly Generator _discriminatorStream;
    private readonly Mlp _g;
    private readonly Mlp _d;
    private readonly optim.Optimizer _optimizerG;
    private readonly optim.Optimizer _optimizerD;

    /// <summary>Builds both networks exactly as the player grains would for the same spec.</summary>
    public ReferenceTrainer(GameSpec spec)
    {
        TorchRuntime.EnsureLoaded();
        _spec = spec;
        _device = DeviceName.Parse(spec.Generator.Device);
        _data = GaussianMixture.For(spec.Data);
        _loss = GanLoss.For(spec.Loss);
        _generatorStream = new Generator(PlayerSeeds.Generator(spec.Seed));
        _discriminatorStream = new Generator(PlayerSeeds.Discriminator(spec.Seed));
        _g = new Mlp("generator", spec.Generator.LatentSize, spec.Generator.Hidden, spec.Generator.OutputSize, spec.Generator.Activation);
        _g.Initialize(_generatorStream);
        _g.to(_device);
        _d = new Mlp("discriminator", spec.Discriminator.InputSize, spec.Discriminator.Hidden, 1, spec.Discriminator.Activation);
        _d.Initialize(_discriminatorStream);
        _d.to(_device);
        _optimizerG = OptimizerFactory.Create(spec.Generator.Optimizer, _g.parameters());
        _optimizerD = OptimizerFactory.Create(spec.Discriminator.Optimizer, _d.parameters());
    }

    /// <summary>Plays one round of the spec's protocol.</summary>
    public RoundRecord PlayRound(int round) => _spec.Protocol.Kind switch
    {
        ProtocolKind.Simultaneous => Simultaneous(round),
        ProtocolKind.Alternating => Alternating(round),
        _ => throw new NotSupportedException($"the reference trainer has no {_spec.Protocol.Kind} protocol"),
    };

    /// <summary>The generator's parameters.</summary>
    public ParameterSnapshot GeneratorParameters() => PlayerParameters.Snapshot(_g);

    /// <summary>The discriminator's parameters.</summary>
    public ParameterSnapshot DiscriminatorParameters() => PlayerParameters.Snapshot(_d);

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizerG.Dispose();
        _optimizerD.Dispose();
        _g.Dispose();
        _d.Dispose();
        _generatorStream.Dispose();
        _discriminatorStream.Dispose();
    }

    // Both players' gradients are taken at the same parameters from the same minibatches, then both step.
    private RoundRecord Simultaneous(int round)
    {
        using var scope = NewDisposeScope();
        var x = _g.call(Latent());
        var realLogits = _d.call(Real());
        var fakeLogits = _d.call(x.detach());
        var costD = _loss.Discriminator(realLogits, fakeLogits);
        var costG = _loss.Generator(_d.call(x));

        _optimizerD.zero_grad();
        costD.backward();
        _optimizerG.zero_grad();
        costG.backward(inputs: _g.parameters().Cast<Tensor>().ToList());
        var normD = PlayerParameters.GradientNorm(_d);
        var normG = PlayerParameters.GradientNorm(_g);
        _optimizerD.step();
        _optimizerG.step();
        return new RoundRecord(round, costD.ToDouble(), costG.ToDouble(),
            sigmoid(realLogits).mean().ToDouble(), sigmoid(fakeLogits).mean().ToDouble(), normD, normG);
    }

    // kD discriminator steps, then kG generator steps, each on fresh minibatches.
    private RoundRecord Alternating(int round)
    {
        using var scope = NewDisposeScope();
        double costD = 0, meanReal = 0, meanFake = 0, normD = 0, costG = 0, normG = 0;
        var kD = _spec.Protocol.DiscriminatorSteps;
        var kG = _spec.Protocol.GeneratorSteps;
        for (var step = 0; step < kD; step++)
        {
            Tensor x;
            using (no_grad())
            {
                x = _g.call(Latent());
            }

            var realLogits = _d.call(Real());
            var fakeLogits = _d.call(x);
            var cost = _loss.Discriminator(realLogits, fakeLogits);
            _optimizerD.zero_grad();
            cost.backward();
            normD += PlayerParameters.GradientNorm(_d) / kD;
            _optimizerD.step();
            costD += cost.ToDouble() / kD;
            meanReal += sigmoid(realLogits).mean().ToDouble() / kD;
            meanFake += sigmoid(fakeLogits).mean().ToDouble() / kD;
        }

        for (var step = 0; step < kG; step++)
        {
            var cost = _loss.Generator(_d.call(_g.call(Latent())));
            _optimizerG.zero_grad();
            cost.backward(inputs: _g.parameters().Cast<Tensor>().ToList());
            normG += PlayerParameters.GradientNorm(_g) / kG;
            _optimizerG.step();
            costG += cost.ToDouble() / kG;
        }

        return new RoundRecord(round, costD, costG, meanReal, meanFake, normD, normG);
    }

    private Tensor Latent() => randn([_spec.BatchSize, _spec.Generator.LatentSize], generator: _generatorStream).to(_device);

    private Tensor Real() => _data.Sample(_spec.BatchSize, _discriminatorStream, _device);
}
