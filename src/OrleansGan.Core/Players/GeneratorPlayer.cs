using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Devices;
using OrleansGan.Core.Diagnostics;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using static TorchSharp.torch;

namespace OrleansGan.Core.Players;

/// <summary>
/// The generator's side of the game, with no knowledge of how messages travel: it proposes fake minibatches
/// x = G(z) and back-propagates what the discriminator answers about them through its own network.
/// </summary>
public sealed class GeneratorPlayer : IProbeablePlayer<GeneratorProbe>
{
    private readonly Generator _stream;
    private readonly PlayerNetwork _network;
    private readonly PlayerOptimizer _optimizer;
    private Tensor? _pending;
    private ConsensusPending? _consensus;

    /// <summary>Builds the network on the setup's device, initialised from the setup's seed.</summary>
    public GeneratorPlayer(GeneratorSetup setup)
    {
        TorchRuntime.EnsureLoaded();
        Spec = setup.Spec;
        Device = DeviceName.Unavailable(setup.Spec.Device) is { } problem
            ? throw new InvalidOperationException($"generator: {problem}")
            : DeviceName.Parse(setup.Spec.Device);
        ArgumentOutOfRangeException.ThrowIfNegative(setup.Classes);
        Classes = setup.Classes;
        BatchSize = setup.BatchSize;
        _stream = new Generator(setup.Seed);
        _network = ClassConditioning.Generator(Spec, Classes);
        PlayerNetworks.Prepare(_network, Spec, setup.BatchSize, _stream);
        _network.to(Device);
        _optimizer = new PlayerOptimizer(Spec.Optimizer, _network);
    }

    /// <summary>The player's spec.</summary>
    public GeneratorSpec Spec { get; }

    /// <inheritdoc />
    public PlayerRole Role => PlayerRole.Generator;

    /// <inheritdoc />
    public string SpecifiedDevice => Spec.Device;

    /// <summary>Where the player's tensors live.</summary>
    public Device Device { get; }

    /// <summary>The number of classes the generator is conditioned on, G(z, y); 0 when it is unconditional.</summary>
    public int Classes { get; }

    /// <summary>The network, for tests that inspect it.</summary>
    public PlayerNetwork Network => _network;

    /// <summary>The game's minibatch size (the size of a virtual-batch-norm reference batch).</summary>
    public int BatchSize { get; }

    /// <summary>Draws z ~ N(0, I) from the training stream (on the host, so every device sees the same numbers).</summary>
    public Tensor DrawLatent(int batchSize) => randn([batchSize, Spec.LatentSize], generator: _stream).to(Device);

    /// <summary>
    /// Returns a detached copy of x = G(z) for a fresh z. With <paramref name="keepForGradient"/>, G(z)'s graph is kept
    /// until the matching gradient arrives; a previous kept graph is dropped.
    /// </summary>
    public Tensor Propose(int batchSize, bool keepForGradient)
    {
        var (x, labels) = ProposeLabeled(batchSize, keepForGradient);
        labels?.Dispose();
        return x;
    }

    /// <summary>
    /// <see cref="Propose"/> with the class y of every sample when the generator is class-conditional: y is drawn
    /// uniformly from the training stream right after z, and x = G(z, y). Labels are null for an unconditional generator.
    /// </summary>
    public (Tensor Samples, Tensor? Labels) ProposeLabeled(int batchSize, bool keepForGradient)
    {
        DropPending();
        using var scope = NewDisposeScope();
        var z = DrawLatent(batchSize);
        var labels = Classes == 0 ? null : ClassConditioning.Draw(batchSize, Classes, _stream);
        var input = ClassConditioning.Input(z, labels?.to(Device), Classes);
        if (!keepForGradient)
        {
            using var noGrad = no_grad();
            return (_network.call(input).MoveToOuterDisposeScope(), labels?.MoveToOuterDisposeScope());
        }

        var x = _network.call(input);
        _pending = x.DetachFromDisposeScope();
        return (x.detach().MoveToOuterDisposeScope(), labels?.MoveToOuterDisposeScope());
    }

    /// <summary>Back-propagates dJ_G/dx through the kept G(z) and takes one step by <paramref name="rule"/>; returns the gradient norm.</summary>
    /// <exception cref="InvalidOperationException">No fake minibatch is waiting for a gradient.</exception>
    /// <exception cref="ArgumentException">The gradient's shape differs from the fake minibatch's.</exception>
    public double ApplyGradient(Tensor gradient, UpdateRule rule = UpdateRule.Plain)
    {
        var pending = Pending(gradient, "gradient message");
        _optimizer.CheckCanStep(rule);
        using var scope = NewDisposeScope();
        _optimizer.ZeroGrad();
        pending.backward([gradient]);
        var norm = _optimizer.GradientNorm();
        _optimizer.Step(rule);
        DropPending();
        return norm;
    }

    /// <summary>Saves the current parameters as the anchor of a later <see cref="UpdateRule.FromAnchor"/> step.</summary>
    public void SaveAnchor() => _optimizer.SaveAnchor();

    /// <summary>
    /// Consensus, first half: from u = dJ_G/dx, computes g = grad_theta J_G = J_x^T u and this player's own part of
    /// grad_theta(1/2 |g|^2) (through J_x, u held fixed), and returns the tangent t = J_x g the discriminator needs.
    /// </summary>
    public Tensor Tangent(Tensor u)
    {
        var x = Pending(u, "consensus gradient message");
        using var scope = NewDisposeScope();
        var theta = _optimizer.Parameters.Cast<Tensor>().ToList();
        var g = Gradients.Of((x * u).sum(), theta, retainGraph: true, createGraph: true);
        var ownTerm = Gradients.Of(Gradients.HalfSquaredNorm(g), theta, retainGraph: true);

        // J_x g as the derivative of the vector-Jacobian product v -> J_x^T v . g with respect to v.
        var v = zeros_like(x).requires_grad_(true);
        var vjp = Gradients.Of((x * v).sum(), theta, retainGraph: true, createGraph: true);
        var tangent = Gradients.Of(Gradients.Dot(vjp, g.Select(t => t.detach())), [v], retainGraph: true)[0];

        _consensus?.Dispose();
        _consensus = new ConsensusPending(
            g.Select(t => t.detach().DetachFromDisposeScope()).ToList(),
            ownTerm.Select(t => t.detach().DetachFromDisposeScope()).ToList());
        return tangent.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Consensus, second half: steps along g + gamma (own term + J_x^T (q + s)), the generator's part of
    /// v + gamma grad(1/2 |v|^2); returns |g|.
    /// </summary>
    public double ApplyConsensus(Tensor fieldNormGradient, Tensor hessianVectorProduct, double weight)
    {
        var x = Pending(fieldNormGradient, "consensus correction");
        var consensus = _consensus ?? throw new InvalidOperationException("consensus correction received before the tangent was computed");
        if (!x.shape.SequenceEqual(hessianVectorProduct.shape))
        {
            throw new ArgumentException($"Hessian-vector product has shape [{string.Join(",", hessianVectorProduct.shape)}] but the fake minibatch has [{string.Join(",", x.shape)}]");
        }

        using var scope = NewDisposeScope();
        var theta = _optimizer.Parameters.Cast<Tensor>().ToList();
        var crossTerm = Gradients.Of((x * (fieldNormGradient + hessianVectorProduct)).sum(), theta, retainGraph: true);
        var direction = consensus.Gradient
            .Select((g, i) => g + (weight * (consensus.OwnTerm[i] + crossTerm[i])))
            .ToList();
        _optimizer.SetGradients(direction);
        _optimizer.Step(UpdateRule.Plain);
        var norm = PlayerParameters.Norm(consensus.Gradient);
        _consensus.Dispose();
        _consensus = null;
        DropPending();
        return norm;
    }

    /// <summary>
    /// Generates <paramref name="count"/> samples from a fresh stream seeded with <paramref name="seed"/>; a
    /// class-conditional generator makes sample i of class i mod n (<see cref="ClassConditioning.Balanced"/>). A
    /// batch-normalised generator normalises with the statistics of these samples (there are no running averages, as in
    /// DCGAN practice); a virtual-batch one with its reference batch, so each sample is what it would be in any minibatch.
    /// </summary>
    public Tensor Sample(int count, ulong seed)
    {
        var (x, labels) = SampleLabeled(count, seed);
        labels?.Dispose();
        return x;
    }

    /// <summary><see cref="Sample"/> with the class of every sample (null when the generator is unconditional).</summary>
    public (Tensor Samples, Tensor? Labels) SampleLabeled(int count, ulong seed)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var stream = new Generator(seed);
        var z = randn([count, Spec.LatentSize], generator: stream).to(Device);
        var labels = Classes == 0 ? null : ClassConditioning.Balanced(count, Classes);
        var x = _network.call(ClassConditioning.Input(z, labels?.to(Device), Classes));
        return (x.MoveToOuterDisposeScope(), labels?.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// x = G(z) for given latent points (and classes, for a class-conditional generator), with no graph: the generator's
    /// image of a latent grid, its manifold. A batch-normalised generator normalises with the statistics of these points.
    /// </summary>
    public Tensor Map(Tensor z, Tensor? labels = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return _network.call(ClassConditioning.Input(z.to(Device), labels?.to(Device), Classes)).MoveToOuterDisposeScope();
    }

    /// <summary>Everything needed to continue exactly from here: weights, optimizer and rule state, random stream.</summary>
    public byte[] SaveState() => PlayerStateFormat.Save(Role, _network, _optimizer, _stream);

    /// <summary>Continues from a state <see cref="SaveState"/> wrote; any move in progress is dropped.</summary>
    /// <exception cref="InvalidDataException">The state is not this player's or is damaged.</exception>
    public void RestoreState(byte[] state) => PlayerStateFormat.Restore(state, Role, _network, _optimizer, _stream);

    /// <summary>The current parameters.</summary>
    public ParameterSnapshot Snapshot() => PlayerParameters.Snapshot(_network);

    /// <summary>The diagnostics' view of the point this player holds: a copy of its network in the setup's precision.</summary>
    public GeneratorProbe OpenProbe(ProbeSetup setup) =>
        new(_network, ClassConditioning.Generator(Spec, Classes), Spec, Classes, setup, PlayerParameters.DTypeOf(setup.Precision), Device);

    /// <summary>A network of this player's architecture holding the weights of <paramref name="state"/> (another round's); the caller disposes it.</summary>
    /// <exception cref="InvalidDataException">The state is not a generator's of this shape.</exception>
    public PlayerNetwork NetworkOf(byte[] state)
    {
        var network = ClassConditioning.Generator(Spec, Classes);
        using (var scratch = new Generator(0))
        {
            PlayerNetworks.Prepare(network, Spec, BatchSize, scratch);
        }

        PlayerStateFormat.RestoreWeights(state, PlayerRole.Generator, network);
        return network;
    }

    /// <summary>
    /// Takes the weights of <paramref name="state"/> plus N(0, <paramref name="perturbation"/>^2) noise drawn from
    /// <paramref name="seed"/>, keeping this player's own optimizer and stream: a copy that starts at another's point
    /// (the duality gap's worst-case players; Sidheekh et al. 2021 perturb the start).
    /// </summary>
    public void RestoreWeights(byte[] state, double perturbation, ulong seed)
    {
        DropPending();
        PlayerStateFormat.RestoreWeights(state, PlayerRole.Generator, _network);
        PlayerParameters.Perturb(_network, perturbation, seed);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        DropPending();
        _consensus?.Dispose();
        _optimizer.Dispose();
        _network.Dispose();
        _stream.Dispose();
    }

    private Tensor Pending(Tensor message, string what)
    {
        var pending = _pending ?? throw new InvalidOperationException(
            $"{what} received, but no fake minibatch is waiting for one (propose with keepForGradient first)");
        if (!pending.shape.SequenceEqual(message.shape))
        {
            throw new ArgumentException(
                $"{what} has shape [{string.Join(",", message.shape)}] but the fake minibatch has [{string.Join(",", pending.shape)}]",
                nameof(message));
        }

        return pending;
    }

    private void DropPending()
    {
        _pending?.Dispose();
        _pending = null;
    }

    private sealed record ConsensusPending(List<Tensor> Gradient, List<Tensor> OwnTerm) : IDisposable
    {
        public void Dispose()
        {
            foreach (var t in Gradient.Concat(OwnTerm))
            {
                t.Dispose();
            }
        }
    }
}
