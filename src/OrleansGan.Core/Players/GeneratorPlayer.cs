using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Core.Devices;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Optimizers;
using static TorchSharp.torch;

namespace OrleansGan.Core.Players;

/// <summary>
/// The generator's side of the game, with no knowledge of how messages travel: it proposes fake minibatches
/// x = G(z) and back-propagates the gradient messages dJ_G/dx it receives for them.
/// </summary>
public sealed class GeneratorPlayer : IDisposable
{
    private readonly Generator _stream;
    private readonly Mlp _network;
    private readonly optim.Optimizer _optimizer;
    private Tensor? _pending;

    /// <summary>Builds the network on the setup's device, initialised from the setup's seed.</summary>
    public GeneratorPlayer(GeneratorSetup setup)
    {
        TorchRuntime.EnsureLoaded();
        Spec = setup.Spec;
        Device = DeviceName.Parse(setup.Spec.Device);
        _stream = new Generator(setup.Seed);
        _network = new Mlp("generator", Spec.LatentSize, Spec.Hidden, Spec.OutputSize, Spec.Activation);
        _network.Initialize(_stream);
        _network.to(Device);
        _optimizer = OptimizerFactory.Create(Spec.Optimizer, _network.parameters());
    }

    /// <summary>The player's spec.</summary>
    public Abstractions.Spec.GeneratorSpec Spec { get; }

    /// <summary>Where the player's tensors live.</summary>
    public Device Device { get; }

    /// <summary>The network, for references and tests that inspect it.</summary>
    public Mlp Network => _network;

    /// <summary>The optimizer, for references that step it directly.</summary>
    public optim.Optimizer Optimizer => _optimizer;

    /// <summary>Draws z ~ N(0, I) from the training stream (on the host, so every device sees the same numbers).</summary>
    public Tensor DrawLatent(int batchSize) => randn([batchSize, Spec.LatentSize], generator: _stream).to(Device);

    /// <summary>
    /// Returns a detached copy of x = G(z) for a fresh z. With <paramref name="keepForGradient"/>, G(z)'s graph is kept
    /// until the matching <see cref="ApplyGradient"/>; a previous kept graph is dropped.
    /// </summary>
    public Tensor Propose(int batchSize, bool keepForGradient)
    {
        DropPending();
        using var scope = NewDisposeScope();
        var z = DrawLatent(batchSize);
        if (!keepForGradient)
        {
            using var noGrad = no_grad();
            return _network.call(z).MoveToOuterDisposeScope();
        }

        var x = _network.call(z);
        _pending = x.DetachFromDisposeScope();
        return x.detach().MoveToOuterDisposeScope();
    }

    /// <summary>Back-propagates dJ_G/dx through the kept G(z) and takes one optimizer step; returns the gradient norm.</summary>
    /// <exception cref="InvalidOperationException">No fake minibatch is waiting for a gradient.</exception>
    /// <exception cref="ArgumentException">The gradient's shape differs from the fake minibatch's.</exception>
    public double ApplyGradient(Tensor gradient)
    {
        var pending = _pending ?? throw new InvalidOperationException(
            "gradient message received, but no fake minibatch is waiting for one (propose with keepForGradient first)");
        if (!pending.shape.SequenceEqual(gradient.shape))
        {
            throw new ArgumentException(
                $"gradient message has shape [{string.Join(",", gradient.shape)}] but the fake minibatch has [{string.Join(",", pending.shape)}]",
                nameof(gradient));
        }

        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        pending.backward([gradient]);
        var norm = PlayerParameters.GradientNorm(_network);
        _optimizer.step();
        DropPending();
        return norm;
    }

    /// <summary>Generates <paramref name="count"/> samples from a fresh stream seeded with <paramref name="seed"/>.</summary>
    public Tensor Sample(int count, ulong seed)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var stream = new Generator(seed);
        var z = randn([count, Spec.LatentSize], generator: stream).to(Device);
        return _network.call(z).MoveToOuterDisposeScope();
    }

    /// <summary>The current parameters.</summary>
    public ParameterSnapshot Snapshot() => PlayerParameters.Snapshot(_network);

    /// <inheritdoc />
    public void Dispose()
    {
        DropPending();
        _optimizer.Dispose();
        _network.Dispose();
        _stream.Dispose();
    }

    private void DropPending()
    {
        _pending?.Dispose();
        _pending = null;
    }
}
