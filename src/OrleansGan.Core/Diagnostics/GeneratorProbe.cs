using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Players;
using static TorchSharp.torch;

namespace OrleansGan.Core.Diagnostics;

/// <summary>
/// The generator's side of the diagnostics at one point theta: a copy of its network, the fixed latent sample z of the
/// <see cref="DiagnosticBatch"/>, and its block of the Krylov vectors. It computes only what involves G:
/// x = G(z), tangents t = J_x u (forward-mode products through G) and pullbacks J_x^T s of the batch-shaped
/// cotangents s the discriminator sends, plus its own curvature term d/dtheta &lt;J_x^T g, u&gt; with g = dJ_G/dx held
/// fixed. With those, H_G u = J_x^T (H_xx t) + that term, and the generator's block of J u is J_x^T s + that term
/// (see <see cref="ProbeProductKind"/> for what the discriminator puts in s).
/// </summary>
public sealed class GeneratorProbe : IPlayerProbe
{
    private readonly PlayerNetwork _network;
    private readonly List<Tensor> _theta;
    private readonly Tensor _z;
    private readonly Tensor? _labels;
    private readonly int _classes;
    private Tensor? _gradient;

    /// <summary>Copies <paramref name="network"/> (conditioned on <paramref name="classes"/> classes) into <paramref name="dtype"/> and draws z.</summary>
    public GeneratorProbe(PlayerNetwork network, PlayerNetwork fresh, GeneratorSpec spec, int classes, ProbeSetup setup, ScalarType dtype, Device device)
    {
        setup.Batch.Validate();
        Batch = setup.Batch;
        DType = dtype;
        Device = device;
        _classes = classes;
        _network = NetworkCopy.Of(network, fresh, dtype, device);
        _theta = _network.parameters().Cast<Tensor>().ToList();
        using var stream = new Generator(setup.Batch.LatentSeed);
        _z = randn([setup.Batch.Size, spec.LatentSize], generator: stream).to(dtype).to(device).DetachFromDisposeScope();

        // A conditional generator's diagnostic sample is class-balanced, as its evaluation sample is.
        _labels = classes == 0 ? null : ClassConditioning.Balanced(setup.Batch.Size, classes).to(device).DetachFromDisposeScope();
        Slots = new ParameterSlots(_theta, setup.Slots, device);
    }

    /// <summary>The fixed sample.</summary>
    public DiagnosticBatch Batch { get; }

    /// <summary>The precision of every product.</summary>
    public ScalarType DType { get; }

    /// <summary>Where the copy computes.</summary>
    public Device Device { get; }

    /// <summary>The generator's block of every vector.</summary>
    public ParameterSlots Slots { get; }

    /// <summary>x = G(z) on chunk <paramref name="chunk"/> (-1: the whole batch), with the classes it was made for.</summary>
    public (Tensor Samples, Tensor? Labels) Samples(int chunk)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (z, labels) = Chunk(chunk);
        return (_network.call(ClassConditioning.Input(z, labels, _classes)).MoveToOuterDisposeScope(), labels?.clone().MoveToOuterDisposeScope());
    }

    /// <summary>t = J_x u for u in <paramref name="slot"/>, on the whole batch: how the fakes move along u.</summary>
    public Tensor Tangent(int slot)
    {
        using var scope = NewDisposeScope();
        var u = Slots.Get(slot, DType);
        var x = Forward(-1);

        // J_x u as the derivative of v -> &lt;J_x^T v, u&gt; with respect to v (reverse mode twice, which TorchSharp has).
        var v = zeros_like(x).requires_grad_(true);
        var vjp = Gradients.Of((x * v).sum(), _theta, retainGraph: true, createGraph: true);
        return Gradients.Of(Gradients.Dot(vjp, u), [v])[0].detach().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// slot[<paramref name="target"/>] = J_x^T s on chunk <paramref name="chunk"/>, plus the curvature term for u in
    /// <paramref name="curvatureSource"/> when it is a slot (needs the kept g). With <paramref name="keepsGradient"/>,
    /// s is g = dJ_G/dx on the whole batch and is kept.
    /// </summary>
    public void Pullback(Tensor cotangent, int chunk, int target, int curvatureSource, bool keepsGradient)
    {
        var expected = chunk < 0 ? Batch.Size : Batch.ChunkSize;
        if (cotangent.ndim != 2 || cotangent.shape[0] != expected)
        {
            throw new ArgumentException($"cotangent has shape [{string.Join(",", cotangent.shape)}]; the probe's {(chunk < 0 ? "batch" : "chunk")} has {expected} samples", nameof(cotangent));
        }

        if (keepsGradient && chunk >= 0)
        {
            throw new ArgumentException("the kept gradient g is that of the whole diagnostic batch, not of a chunk", nameof(keepsGradient));
        }

        using var scope = NewDisposeScope();
        var x = Forward(chunk);
        if (!x.shape.SequenceEqual(cotangent.shape))
        {
            throw new ArgumentException($"cotangent has shape [{string.Join(",", cotangent.shape)}] but the fakes have [{string.Join(",", x.shape)}]", nameof(cotangent));
        }

        var s = cotangent.to(DType).to(Device);
        if (keepsGradient)
        {
            _gradient?.Dispose();
            _gradient = s.clone().DetachFromDisposeScope();
        }

        var pairing = (x * s).sum();
        if (curvatureSource >= 0)
        {
            if (chunk >= 0)
            {
                throw new ArgumentException("the curvature term is taken on the whole diagnostic batch", nameof(chunk));
            }

            var g = _gradient ?? throw new InvalidOperationException("the generator's curvature term needs g = dJ_G/dx at this point first (a field pullback that keeps it)");
            var jacobianTransposeG = Gradients.Of((x * g).sum(), _theta, retainGraph: true, createGraph: true);
            pairing = pairing + Gradients.Dot(jacobianTransposeG, Slots.Get(curvatureSource, DType));
        }

        Slots.Set(target, Gradients.Of(pairing, _theta));
    }

    /// <summary>Writes the copy's parameters into <paramref name="slot"/>.</summary>
    public void ReadParameters(int slot) => Slots.Set(slot, _theta);

    /// <summary>Moves the copy to the parameters in <paramref name="slot"/>; the kept g no longer belongs to them and is dropped.</summary>
    public void MoveTo(int slot)
    {
        using var scope = NewDisposeScope();
        var values = Slots.Get(slot, DType);
        using (no_grad())
        {
            for (var i = 0; i < _theta.Count; i++)
            {
                _theta[i].copy_(values[i]);
            }
        }

        _gradient?.Dispose();
        _gradient = null;
    }

    /// <summary>Writes the parameters of another copy of the same network (a state at another round) into <paramref name="slot"/>.</summary>
    public void ReadParameters(PlayerNetwork other, int slot) => Slots.Set(slot, other.parameters().Cast<Tensor>().ToList());

    /// <inheritdoc />
    public void Dispose()
    {
        Slots.Dispose();
        _gradient?.Dispose();
        _z.Dispose();
        _labels?.Dispose();
        _network.Dispose();
    }

    private (Tensor Z, Tensor? Labels) Chunk(int chunk)
    {
        if (chunk < 0)
        {
            return (_z, _labels);
        }

        if (chunk >= Batch.Chunks)
        {
            throw new ArgumentOutOfRangeException(nameof(chunk), chunk, $"the diagnostic batch has chunks 0..{Batch.Chunks - 1}");
        }

        var start = chunk * Batch.ChunkSize;
        return (_z.narrow(0, start, Batch.ChunkSize), _labels?.narrow(0, start, Batch.ChunkSize));
    }

    private Tensor Forward(int chunk)
    {
        var (z, labels) = Chunk(chunk);
        return _network.call(ClassConditioning.Input(z, labels, _classes));
    }
}
