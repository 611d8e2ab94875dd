using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Devices;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Optimizers;
using OrleansGan.Core.Players;
using OrleansGan.Core.Randomness;
using OrleansGan.Core.Stabilizers;
using static TorchSharp.torch;

namespace OrleansGan.Core.Reference;

/// <summary>
/// A GAN trained the way one would without grains: both networks in one process and one autograd graph, every
/// protocol written from its paper's equation over the joint parameters. It shares only the building blocks
/// (networks, losses, data, seeds, the optimizer as a function) with the players, so it is the oracle for the
/// message-passing game and its performance baseline. J_D with its stabilizers is written once
/// (<see cref="DiscriminatorCost"/>), and WGAN's weight clip follows every discriminator step (<see cref="StepDiscriminator"/>).
/// </summary>
public sealed class ReferenceTrainer : IDisposable
{
    private readonly GameSpec _spec;
    private readonly Device _device;
    private readonly ScalarType _dtype;
    private readonly RealData _data;
    private readonly RealMinibatches _minibatches;
    private readonly ClassLabelCosts _costs;
    private readonly int _classes;
    private readonly Generator _generatorStream;
    private readonly Generator _discriminatorStream;
    private readonly PlayerNetwork _g;
    private readonly PlayerNetwork _d;
    private readonly List<TorchSharp.Modules.Parameter> _theta;
    private readonly List<TorchSharp.Modules.Parameter> _psi;
    private readonly optim.Optimizer _optimizerG;
    private readonly optim.Optimizer _optimizerD;
    private List<Tensor>? _previousG;
    private List<Tensor>? _previousD;
    private readonly Func<int, RoundRecord> _round;

    /// <summary>Builds both networks exactly as the player grains would for the same spec, in <paramref name="dtype"/>.</summary>
    public ReferenceTrainer(GameSpec spec, ScalarType dtype = ScalarType.Float32)
    {
        TorchRuntime.EnsureLoaded();
        _spec = spec;
        _dtype = dtype;
        _device = DeviceName.Parse(spec.Generator.Device);
        _data = RealData.For(spec.Data);
        _costs = new ClassLabelCosts(GanLoss.For(spec.Loss, spec.Stabilizers.RealLabel, spec.Discriminator.Margin), spec.Stabilizers.ClassLabels, _data.ClassCount);
        _classes = ClassConditioning.Classes(spec);
        _generatorStream = new Generator(PlayerSeeds.Generator(spec.Seed));
        _discriminatorStream = new Generator(PlayerSeeds.Discriminator(spec.Seed));
        _g = ClassConditioning.Generator(spec.Generator, _classes);
        PlayerNetworks.Prepare(_g, spec.Generator, spec.BatchSize, _generatorStream);
        _g.to(dtype).to(_device);
        _d = ClassConditioning.Discriminator(spec.Discriminator, _classes, _costs.Outputs);
        PlayerNetworks.Prepare(_d, spec.Discriminator, _data, spec.BatchSize, _discriminatorStream);
        _d.to(dtype).to(_device);
        _theta = _g.parameters().ToList();
        _psi = _d.parameters().ToList();
        _optimizerG = OptimizerFactory.Create(spec.Generator.Optimizer, _theta);
        _optimizerD = OptimizerFactory.Create(spec.Discriminator.Optimizer, _psi);
        _minibatches = RealMinibatches.For(spec.Data, _data, PlayerSeeds.Discriminator(spec.Seed));
        _round = spec.Protocol.Build(new Rounds(this));
    }

    /// <summary>Plays one round of the spec's protocol.</summary>
    public RoundRecord PlayRound(int round) => _round(round);

    /// <summary>The generator's parameters.</summary>
    public ParameterSnapshot GeneratorParameters() => PlayerParameters.Snapshot(_g);

    /// <summary>The discriminator's parameters.</summary>
    public ParameterSnapshot DiscriminatorParameters() => PlayerParameters.Snapshot(_d);

    /// <summary>Every parameter value, the generator's then the discriminator's, in full precision.</summary>
    public double[] Position()
    {
        using var scope = NewDisposeScope();
        return _theta.Concat(_psi).SelectMany(p => p.detach().cpu().to(ScalarType.Float64).flatten().data<double>().ToArray()).ToArray();
    }

    /// <summary>Sets every parameter from <paramref name="position"/> (the layout of <see cref="Position"/>).</summary>
    public void SetPosition(IReadOnlyList<double> position)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var next = 0;
        foreach (var p in _theta.Concat(_psi))
        {
            var count = (int)p.numel();
            p.copy_(tensor(position.Skip(next).Take(count).ToArray(), p.shape).to(_dtype).to(_device));
            next += count;
        }

        if (next != position.Count)
        {
            throw new ArgumentException($"position has {position.Count} values; the players have {next} parameters", nameof(position));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizerG.Dispose();
        _optimizerD.Dispose();
        _g.Dispose();
        _d.Dispose();
        _generatorStream.Dispose();
        _discriminatorStream.Dispose();
        _minibatches.Dispose();
        foreach (var t in (_previousG ?? []).Concat(_previousD ?? []))
        {
            t.Dispose();
        }
    }

    // Both players' gradients are taken at the same parameters from the same minibatches, then both step;
    // optimistic steps go along 2 g_t - g_(t-1) (Daskalakis et al. 2018, eq. 5), the first along g_0.
    private RoundRecord Simultaneous(int round, bool optimistic)
    {
        using var scope = NewDisposeScope();
        var (record, _) = SimultaneousGradients(round);
        if (optimistic)
        {
            _previousG = Optimistic(_theta, _previousG);
            _previousD = Optimistic(_psi, _previousD);
        }

        StepDiscriminator();
        _optimizerG.step();
        return record;
    }

    // Leaves grad_theta J_G and grad_psi J_D in .grad, at the current parameters, from fresh minibatches. With instance
    // noise the judgment of the fakes and the discriminator's step each see their own noisy copy, drawn in the order the
    // discriminator's two moves draw them: the judgment's, then the real minibatch, its noise, the fakes' noise.
    private (RoundRecord Record, Tensor Fake) SimultaneousGradients(int round)
    {
        var (x, y) = Fake();
        var judged = Noisy(x, round);
        var (costD, realLogits, fakeLogits) = DiscriminatorCost(RealMinibatch(round), Noisy(x.detach(), round), y);
        var costG = GeneratorCost(judged, D(judged, y), null);

        _optimizerD.zero_grad();
        costD.backward();
        _optimizerG.zero_grad();
        costG.backward(inputs: _theta.Cast<Tensor>().ToList());
        var record = new RoundRecord(round, costD.ToDouble(), costG.ToDouble(), Mean(realLogits), Mean(fakeLogits),
            PlayerParameters.GradientNorm(_psi), PlayerParameters.GradientNorm(_theta));
        return (record, x);
    }

    private static List<Tensor> Optimistic(List<TorchSharp.Modules.Parameter> parameters, List<Tensor>? previous)
    {
        var current = parameters.Select(p => p.grad!.detach().clone().DetachFromDisposeScope()).ToList();
        using (no_grad())
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                parameters[i].grad!.copy_((2 * current[i]) - (previous ?? current)[i]);
            }
        }

        foreach (var t in previous ?? [])
        {
            t.Dispose();
        }

        return current;
    }

    // kD discriminator steps, then kG generator steps, each on fresh minibatches.
    private RoundRecord Alternating(int round, int kD, int kG)
    {
        using var scope = NewDisposeScope();
        double costD = 0, meanReal = 0, meanFake = 0, normD = 0, costG = 0, normG = 0;
        for (var step = 0; step < kD; step++)
        {
            Tensor x;
            Tensor? y;
            using (no_grad())
            {
                (x, y) = Fake();
            }

            var (cost, realLogits, fakeLogits) = DiscriminatorCost(RealMinibatch(round), Noisy(x, round), y);
            _optimizerD.zero_grad();
            cost.backward();
            normD += PlayerParameters.GradientNorm(_psi) / kD;
            StepDiscriminator();
            costD += cost.ToDouble() / kD;
            meanReal += Mean(realLogits) / kD;
            meanFake += Mean(fakeLogits) / kD;
        }

        for (var step = 0; step < kG; step++)
        {
            var (x, y) = Fake();
            var seen = Noisy(x, round);
            var cost = GeneratorCost(seen, D(seen, y), null);
            _optimizerG.zero_grad();
            cost.backward(inputs: _theta.Cast<Tensor>().ToList());
            normG += PlayerParameters.GradientNorm(_theta) / kG;
            _optimizerG.step();
            costG += cost.ToDouble() / kG;
        }

        return new RoundRecord(round, costD, costG, meanReal, meanFake, normD, normG);
    }

    // z_(1/2) = z - eta F(z);  z+ = z - eta F(z_(1/2))  (Gidel et al. 2019, eq. 21), with each player's optimizer as the step.
    private RoundRecord Extragradient(int round)
    {
        using var scope = NewDisposeScope();
        var anchorG = _theta.Select(p => p.detach().clone()).ToList();
        var anchorD = _psi.Select(p => p.detach().clone()).ToList();
        SimultaneousGradients(round);
        StepDiscriminator();
        _optimizerG.step();

        var (record, _) = SimultaneousGradients(round);
        using (no_grad())
        {
            for (var i = 0; i < _theta.Count; i++)
            {
                _theta[i].copy_(anchorG[i]);
            }

            for (var i = 0; i < _psi.Count; i++)
            {
                _psi[i].copy_(anchorD[i]);
            }
        }

        StepDiscriminator();
        _optimizerG.step();
        return record;
    }

    // The generator descends J_G(theta, psi^K(theta, psi)), psi^(k+1) = psi^k - step(grad_psi J_D(theta, psi^k))
    // (Metz et al. 2016, eq. 7-10); the discriminator takes its ordinary step on the same minibatches.
    private RoundRecord Unrolled(int round, int steps, bool throughSteps)
    {
        using var scope = NewDisposeScope();
        var (x, y) = Fake();
        var real = RealMinibatch(round);
        var noisy = Noisy(x, round);
        IReadOnlyList<Tensor> psi = _psi.Cast<Tensor>().ToList();
        var lookahead = new OptimizerLookahead(_spec.Discriminator.Optimizer, _optimizerD, _spec.Discriminator.WeightClip);
        for (var k = 0; k < steps; k++)
        {
            var seen = throughSteps ? noisy : noisy.detach();
            var cost = DiscriminatorCost(real, seen, y, psi).Value;
            var g = autograd.grad([cost], psi.ToList(), retain_graph: true, create_graph: throughSteps);
            psi = throughSteps
                ? lookahead.Step(psi, g.ToList())
                : lookahead.Step(psi.Select(p => p.detach()).ToList(), g.Select(t => t.detach()).ToList()).Select(p => p.detach().requires_grad_(true)).ToList();
        }

        var unrolled = steps != 0;
        var unrolledLogits = unrolled ? D(noisy, y, psi) : D(noisy, y);
        var costG = GeneratorCost(noisy, unrolledLogits, unrolled ? psi : null);
        _optimizerG.zero_grad();
        costG.backward(inputs: _theta.Cast<Tensor>().ToList());

        var (costD, realLogits, fakeLogits) = DiscriminatorCost(real, noisy.detach(), y);
        _optimizerD.zero_grad();
        costD.backward();
        var record = new RoundRecord(round, costD.ToDouble(), costG.ToDouble(), Mean(realLogits), Mean(fakeLogits),
            PlayerParameters.GradientNorm(_psi), PlayerParameters.GradientNorm(_theta));
        StepDiscriminator();
        _optimizerG.step();
        return record;
    }

    // v = (grad_theta J_G, grad_psi J_D), L = 1/2 |v|^2; each player steps along its part of v + gamma grad L
    // (Mescheder et al. 2017, Algorithm 1, written for minimised costs).
    private RoundRecord Consensus(int round, double weight)
    {
        using var scope = NewDisposeScope();
        var theta = _theta.Cast<Tensor>().ToList();
        var psi = _psi.Cast<Tensor>().ToList();
        var (clean, y) = Fake();
        var real = RealMinibatch(round);
        var x = Noisy(clean, round);
        var (costD, realLogits, fakeLogits) = DiscriminatorCost(real, x, y);
        var costG = GeneratorCost(x, fakeLogits, null);
        var vG = Gradients.Of(costG, theta, createGraph: true);
        var vD = Gradients.Of(costD, psi, createGraph: true);
        var gradL = Gradients.Of(Gradients.HalfSquaredNorm(vG.Concat(vD)), [.. theta, .. psi]);
        for (var i = 0; i < theta.Count; i++)
        {
            _theta[i].grad = (vG[i] + (weight * gradL[i])).detach();
        }

        for (var i = 0; i < psi.Count; i++)
        {
            _psi[i].grad = (vD[i] + (weight * gradL[theta.Count + i])).detach();
        }

        var record = new RoundRecord(round, costD.ToDouble(), costG.ToDouble(), Mean(realLogits), Mean(fakeLogits),
            PlayerParameters.Norm(vD), PlayerParameters.Norm(vG));
        StepDiscriminator();
        _optimizerG.step();
        return record;
    }

    private double Mean(Tensor output) => _costs.Loss.MeanScore(_costs.Logit(output.detach()));

    // Instance noise on what the discriminator sees, from the discriminator's stream (as DiscriminatorPlayer draws it).
    private Tensor Noisy(Tensor x, int round) => InstanceNoise.Add(x, InstanceNoise.Std(_spec.Stabilizers.InstanceNoise, round), _discriminatorStream);

    // J_G plus EBGAN-PT's pulling-away term on the autoencoder's codes of the fakes (Zhao et al. 2016, eq. 6).
    private Tensor GeneratorCost(Tensor seen, Tensor fakeLogits, IReadOnlyList<Tensor>? psi) =>
        StabilizedGeneratorCost.Of(_costs, _spec.Stabilizers.PullAway, _d, seen, fakeLogits, psi);

    // x = G(z) or G(z, y), z then y drawn from the generator's stream in the generator player's order.
    private (Tensor Samples, Tensor? Labels) Fake()
    {
        var z = randn([_spec.BatchSize, _spec.Generator.LatentSize], generator: _generatorStream).to(_dtype).to(_device);
        var y = _classes == 0 ? null : ClassConditioning.Draw(_spec.BatchSize, _classes, _generatorStream).to(_device);
        return (_g.call(ClassConditioning.Input(z, y, _classes)), y);
    }

    // The real minibatch with its classes, then the gradient penalty's eps, then the real samples' instance noise, from
    // the same stream, as the discriminator player draws them.
    private RealBatch RealMinibatch(int round)
    {
        var (x, y) = _minibatches.Next(_spec.BatchSize, _discriminatorStream, _device);
        var mixing = _spec.Stabilizers.GradientPenalty > 0
            ? GradientPenalty.DrawMixing(_spec.BatchSize, _discriminatorStream, _device).to(_dtype)
            : null;
        return new RealBatch(Noisy(x.to(_dtype), round), y, mixing);
    }

    // WGAN clips after every critic update (Arjovsky et al. 2017, Algorithm 1, line 8), whatever the protocol.
    private void StepDiscriminator()
    {
        _optimizerD.step();
        if (_spec.Discriminator.WeightClip is { } bound)
        {
            WeightClipping.ClampInPlace(_psi, bound);
        }
    }

    // J_D with its stabilizers (the same cost the discriminator player differentiates), with D at psi (its own when null).
    private (Tensor Value, Tensor RealLogits, Tensor FakeLogits) DiscriminatorCost(RealBatch real, Tensor fake, Tensor? fakeLabels, IReadOnlyList<Tensor>? psi = null) =>
        StabilizedDiscriminatorCost.Of(_costs, _spec.Stabilizers, (x, labels) => D(x, labels, psi),
            real.Samples, real.Labels, real.Mixing, fake, fakeLabels);

    // The discriminator's raw output on x (with classes y when it is conditional), at psi when given.
    private Tensor D(Tensor x, Tensor? y, IReadOnlyList<Tensor>? psi = null)
    {
        var input = ClassConditioning.Input(x, _classes == 0 ? null : y, _classes);
        return psi is null ? _d.call(input) : _d.ForwardWith(input, psi);
    }

    private sealed record RealBatch(Tensor Samples, Tensor Labels, Tensor? Mixing);

    // Each protocol family as one joint round; ProtocolSpec.Build maps the spec's protocol to its family.
    private sealed class Rounds(ReferenceTrainer trainer) : IProtocolBuilder<Func<int, RoundRecord>>
    {
        public Func<int, RoundRecord> Simultaneous(UpdateRule rule) => round => trainer.Simultaneous(round, optimistic: rule == UpdateRule.Optimistic);

        public Func<int, RoundRecord> Alternating(int discriminatorSteps, int generatorSteps) => round => trainer.Alternating(round, discriminatorSteps, generatorSteps);

        public Func<int, RoundRecord> Extragradient() => trainer.Extragradient;

        public Func<int, RoundRecord> Unrolled(int steps, bool throughSteps) => round => trainer.Unrolled(round, steps, throughSteps);

        public Func<int, RoundRecord> Consensus(double weight) => round => trainer.Consensus(round, weight);
    }
}
