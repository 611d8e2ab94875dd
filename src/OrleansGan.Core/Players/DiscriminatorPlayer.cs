using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Core.Data;
using OrleansGan.Core.Devices;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Optimizers;
using static TorchSharp.torch;

namespace OrleansGan.Core.Players;

/// <summary>
/// The discriminator's side of the game: it samples the real data, updates on J_D, and answers fake minibatches
/// with gradient messages dJ_G/dx. It holds both costs because both are functions of its output.
/// </summary>
public sealed class DiscriminatorPlayer : IDisposable
{
    private readonly Generator _stream;
    private readonly Mlp _network;
    private readonly optim.Optimizer _optimizer;

    /// <summary>Builds the network on the setup's device, initialised from the setup's seed.</summary>
    public DiscriminatorPlayer(DiscriminatorSetup setup)
    {
        TorchRuntime.EnsureLoaded();
        Setup = setup;
        Device = DeviceName.Parse(setup.Spec.Device);
        Data = GaussianMixture.For(setup.Data);
        Loss = GanLoss.For(setup.Loss);
        _stream = new Generator(setup.Seed);
        _network = new Mlp("discriminator", setup.Spec.InputSize, setup.Spec.Hidden, 1, setup.Spec.Activation);
        _network.Initialize(_stream);
        _network.to(Device);
        _optimizer = OptimizerFactory.Create(setup.Spec.Optimizer, _network.parameters());
    }

    /// <summary>The player's setup.</summary>
    public DiscriminatorSetup Setup { get; }

    /// <summary>Where the player's tensors live.</summary>
    public Device Device { get; }

    /// <summary>The real data distribution.</summary>
    public GaussianMixture Data { get; }

    /// <summary>The game's costs.</summary>
    public GanLoss Loss { get; }

    /// <summary>The network, for references and tests that inspect it.</summary>
    public Mlp Network => _network;

    /// <summary>The optimizer, for references that step it directly.</summary>
    public optim.Optimizer Optimizer => _optimizer;

    /// <summary>Draws a real minibatch from the training stream.</summary>
    public Tensor DrawReal() => Data.Sample(Setup.BatchSize, _stream, Device);

    /// <summary>One optimizer step on J_D against a fresh real minibatch and <paramref name="fake"/>.</summary>
    public DiscriminatorMoveReport Update(Tensor fake)
    {
        CheckFake(fake);
        using var scope = NewDisposeScope();
        var realLogits = _network.call(DrawReal());
        var fakeLogits = _network.call(fake.detach());
        var cost = Loss.Discriminator(realLogits, fakeLogits);
        _optimizer.zero_grad();
        cost.backward();
        var norm = PlayerParameters.GradientNorm(_network);
        _optimizer.step();
        return new DiscriminatorMoveReport(
            cost.ToDouble(), sigmoid(realLogits).mean().ToDouble(), sigmoid(fakeLogits).mean().ToDouble(), norm);
    }

    /// <summary>dJ_G/dx for <paramref name="fake"/> at the current parameters, with J_G and mean D(G(z)); nothing is updated.</summary>
    public (Tensor Gradient, double GeneratorLoss, double MeanFakeScore) Judge(Tensor fake)
    {
        CheckFake(fake);
        using var scope = NewDisposeScope();
        var x = fake.detach().requires_grad_(true);
        var fakeLogits = _network.call(x);
        var cost = Loss.Generator(fakeLogits);
        var gradient = autograd.grad([cost], [x])[0];
        return (gradient.MoveToOuterDisposeScope(), cost.ToDouble(), sigmoid(fakeLogits).mean().ToDouble());
    }

    /// <summary>Mean D on a fresh real sample (seeded, the training stream untouched) and on <paramref name="fake"/>.</summary>
    public DiscriminatorEvaluation Evaluate(Tensor fake, ulong seed)
    {
        CheckFake(fake);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var stream = new Generator(seed);
        var real = Data.Sample((int)fake.shape[0], stream, Device);
        return new DiscriminatorEvaluation(
            sigmoid(_network.call(real)).mean().ToDouble(), sigmoid(_network.call(fake)).mean().ToDouble());
    }

    /// <summary>The current parameters.</summary>
    public ParameterSnapshot Snapshot() => PlayerParameters.Snapshot(_network);

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        _network.Dispose();
        _stream.Dispose();
    }

    private void CheckFake(Tensor fake)
    {
        if (fake.ndim != 2 || fake.shape[1] != Setup.Spec.InputSize)
        {
            throw new ArgumentException(
                $"fake minibatch has shape [{string.Join(",", fake.shape)}]; the discriminator takes [batch, {Setup.Spec.InputSize}]",
                nameof(fake));
        }
    }
}
