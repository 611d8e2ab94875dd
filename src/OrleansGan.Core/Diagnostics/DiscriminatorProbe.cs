using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Players;
using OrleansGan.Core.Stabilizers;
using static TorchSharp.torch;

namespace OrleansGan.Core.Diagnostics;

/// <summary>
/// The discriminator's side of the diagnostics at one point psi: a copy of its network, the fixed real sample of the
/// <see cref="DiagnosticBatch"/> (with WGAN-GP's interpolation weights when the game has them), and its block of the
/// Krylov vectors. Both costs are functions of D's output, so it alone differentiates f_G(x, psi) = J_G and
/// f_D(x, psi) = J_D (every stabilizer that adds to J_D included; no instance noise: the diagnostics study the costs,
/// not one noisy draw of them). What the generator needs back is always batch-shaped (g = df_G/dx, or a cotangent s);
/// the discriminator's block of a product it keeps in a slot.
/// </summary>
public sealed class DiscriminatorProbe : IPlayerProbe
{
    private readonly PlayerNetwork _network;
    private readonly List<Tensor> _psi;
    private readonly ClassLabelCosts _costs;
    private readonly StabilizerSpec _stabilizers;
    private readonly int _classes;
    private readonly int _pack;
    private readonly Tensor _real;
    private readonly Tensor _realLabels;
    private readonly Tensor? _mixing;
    private readonly double _solveTolerance;
    private readonly int _solveIterations;
    private Tensor? _fake;
    private Tensor? _fakeLabels;

    /// <summary>Copies <paramref name="network"/> into <paramref name="dtype"/> and draws the real sample from <paramref name="data"/>.</summary>
    public DiscriminatorProbe(
        PlayerNetwork network, PlayerNetwork fresh, ClassLabelCosts costs, StabilizerSpec stabilizers, RealData data, int classes, int pack,
        ProbeSetup setup, ScalarType dtype, Device device)
    {
        setup.Batch.Validate(pack);
        Batch = setup.Batch;
        DType = dtype;
        Device = device;
        _costs = costs;
        _stabilizers = stabilizers;
        _classes = classes;
        _pack = pack;
        _solveTolerance = setup.SolveTolerance;
        _solveIterations = setup.SolveIterations;
        _network = NetworkCopy.Of(network, fresh, dtype, device);
        _psi = _network.parameters().Cast<Tensor>().ToList();
        using var scope = NewDisposeScope();
        using var stream = new Generator(setup.Batch.RealSeed);
        var (real, labels) = data.SampleLabeled(setup.Batch.Size, stream, CPU);
        _real = real.to(dtype).to(device).DetachFromDisposeScope();
        _realLabels = labels.to(device).DetachFromDisposeScope();
        _mixing = stabilizers.GradientPenalty > 0
            ? GradientPenalty.DrawMixing(setup.Batch.Size, stream, CPU).to(dtype).to(device).DetachFromDisposeScope()
            : null;
        Slots = new ParameterSlots(_psi, setup.Slots, device);
    }

    /// <summary>The fixed sample.</summary>
    public DiagnosticBatch Batch { get; }

    /// <summary>The precision of every product.</summary>
    public ScalarType DType { get; }

    /// <summary>Where the copy computes.</summary>
    public Device Device { get; }

    /// <summary>The discriminator's block of every vector.</summary>
    public ParameterSlots Slots { get; }

    /// <summary>
    /// Judges the fakes x of chunk <paramref name="chunk"/> (-1: the whole batch, which is then kept as the point's
    /// fakes for later products): returns g = df_G/dx and the costs, and writes grad_psi f_D into
    /// <paramref name="fieldSlot"/> when it is a slot.
    /// </summary>
    public (Tensor Gradient, double DiscriminatorLoss, double GeneratorLoss, double MeanRealScore, double MeanFakeScore) Judge(
        Tensor fake, Tensor? labels, int chunk, int fieldSlot)
    {
        var size = chunk < 0 ? Batch.Size : Batch.ChunkSize;
        CheckFake(fake, labels, size);
        using var scope = NewDisposeScope();
        var x = fake.to(DType).to(Device).detach().requires_grad_(true);
        var y = labels?.to(Device);
        var (costD, costG, realOutput, fakeOutput) = Costs(x, y, chunk);
        var g = Gradients.Of(costG, [x], retainGraph: true)[0];
        if (fieldSlot >= 0)
        {
            Slots.Set(fieldSlot, Gradients.Of(costD, _psi));
        }

        if (chunk < 0)
        {
            _fake?.Dispose();
            _fakeLabels?.Dispose();
            _fake = x.detach().clone().DetachFromDisposeScope();
            _fakeLabels = y?.clone().DetachFromDisposeScope();
        }

        var loss = _costs.Loss;
        return (g.detach().MoveToOuterDisposeScope(), costD.ToDouble(), costG.ToDouble(),
            loss.MeanScore(_costs.Logit(realOutput.detach())), loss.MeanScore(_costs.Logit(fakeOutput.detach())));
    }

    /// <summary>
    /// The discriminator's part of a product at the kept fakes (see <see cref="ProbeProductKind"/>): writes its block
    /// into <paramref name="target"/> where the product has one, and returns the cotangent s for the generator where it
    /// needs one (else null).
    /// </summary>
    public Tensor? Product(ProbeProductKind kind, Tensor? tangent, int source, int target)
    {
        var fake = _fake ?? throw new InvalidOperationException("a product needs the point's fakes: judge the whole diagnostic batch first");
        var needsTangent = kind != ProbeProductKind.DiscriminatorHessian;
        if (needsTangent && (tangent is null || !tangent.shape.SequenceEqual(fake.shape)))
        {
            throw new ArgumentException(
                $"the {kind} product needs a tangent shaped like the fakes [{string.Join(",", fake.shape)}], got {(tangent is null ? "none" : $"[{string.Join(",", tangent.shape)}]")}",
                nameof(tangent));
        }

        using var scope = NewDisposeScope();
        var x = fake.detach().requires_grad_(true);
        var t = tangent?.to(DType).to(Device);
        var (costD, costG, _, _) = Costs(x, _fakeLabels, -1);
        IReadOnlyList<Tensor> inputs = [x, .. _psi];
        Tensor? cotangent = null;
        switch (kind)
        {
            case ProbeProductKind.Jacobian:
            {
                var b = Slots.Get(source, DType);
                var dG = Gradients.Of(costG, inputs, retainGraph: true, createGraph: true);
                var dD = Gradients.Of(costD, inputs, createGraph: true);
                var towardsG = (dG[0] * t!).sum() + Gradients.Dot(dG.Skip(1), b);
                cotangent = Gradients.Of(towardsG, [x], retainGraph: true)[0];
                var towardsD = (dD[0] * t!).sum() + Gradients.Dot(dD.Skip(1), b);
                Slots.Set(target, Gradients.Of(towardsD, _psi));
                break;
            }

            case ProbeProductKind.JacobianTranspose:
            {
                var b = Slots.Get(source, DType);
                var dG = Gradients.Of(costG, [x], retainGraph: true, createGraph: true);
                var dD = Gradients.Of(costD, _psi, createGraph: true);
                var pairing = (dG[0] * t!).sum() + Gradients.Dot(dD, b);
                var both = Gradients.Of(pairing, inputs);
                cotangent = both[0];
                Slots.Set(target, both.Skip(1).ToList());
                break;
            }

            case ProbeProductKind.GeneratorHessian:
            {
                var dG = Gradients.Of(costG, [x], createGraph: true);
                cotangent = Gradients.Of((dG[0] * t!).sum(), [x])[0];
                break;
            }

            case ProbeProductKind.DiscriminatorHessian:
            {
                var dD = Gradients.Of(costD, _psi, createGraph: true);
                Slots.Set(target, Gradients.Of(Gradients.Dot(dD, Slots.Get(source, DType)), _psi));
                break;
            }

            case ProbeProductKind.SchurComplement:
            {
                var dG = Gradients.Of(costG, inputs, retainGraph: true, createGraph: true);
                var dD = Gradients.Of(costD, _psi, createGraph: true);
                var pairing = (dG[0] * t!).sum();
                var crossTerm = Gradients.Of(pairing, _psi, retainGraph: true);
                var y = SolveHessian(dD, crossTerm);
                cotangent = Gradients.Of(pairing + Gradients.Dot(dG.Skip(1), y), [x])[0];
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown product");
        }

        return cotangent?.detach().MoveToOuterDisposeScope();
    }

    /// <summary>Writes the copy's parameters into <paramref name="slot"/>.</summary>
    public void ReadParameters(int slot) => Slots.Set(slot, _psi);

    /// <summary>Writes the parameters of another copy of the same network (a state at another round) into <paramref name="slot"/>.</summary>
    public void ReadParameters(PlayerNetwork other, int slot) => Slots.Set(slot, other.parameters().Cast<Tensor>().ToList());

    /// <summary>Moves the copy to the parameters in <paramref name="slot"/>; the kept fakes belong to the old point and are dropped.</summary>
    public void MoveTo(int slot)
    {
        using var scope = NewDisposeScope();
        var values = Slots.Get(slot, DType);
        using (no_grad())
        {
            for (var i = 0; i < _psi.Count; i++)
            {
                _psi[i].copy_(values[i]);
            }
        }

        _fake?.Dispose();
        _fake = null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Slots.Dispose();
        _fake?.Dispose();
        _fakeLabels?.Dispose();
        _real.Dispose();
        _realLabels.Dispose();
        _mixing?.Dispose();
        _network.Dispose();
    }

    // H_D y = c by conjugate gradients on the kept graph of grad_psi J_D; H_D must be positive definite, which the
    // Schur complement presumes (strict local minimax needs H_D > 0 first).
    private List<Tensor> SolveHessian(IReadOnlyList<Tensor> fieldD, IReadOnlyList<Tensor> c)
    {
        IReadOnlyList<Tensor> HessianTimes(IReadOnlyList<Tensor> p) => Gradients.Of(Gradients.Dot(fieldD, p), _psi, retainGraph: true);
        var y = c.Select(t => zeros_like(t)).ToList();
        var r = c.Select(t => t.detach().clone()).ToList();
        var p = r.Select(t => t.clone()).ToList();
        var rr = Gradients.Dot(r, r).ToDouble();
        var target = _solveTolerance * Math.Sqrt(rr);
        if (rr == 0)
        {
            return y;
        }

        for (var iteration = 0; iteration < _solveIterations; iteration++)
        {
            var hp = HessianTimes(p).Select(t => t.detach()).ToList();
            var curvature = Gradients.Dot(p, hp).ToDouble();
            if (!(curvature > 0))
            {
                throw new InvalidOperationException(
                    $"H_D is not positive definite: conjugate gradients met p^T H_D p = {curvature:G6} at iteration {iteration}, so the Schur complement is undefined");
            }

            var alpha = rr / curvature;
            y = y.Select((v, i) => v + (alpha * p[i])).ToList();
            r = r.Select((v, i) => v - (alpha * hp[i])).ToList();
            var next = Gradients.Dot(r, r).ToDouble();
            if (Math.Sqrt(next) <= target)
            {
                return y;
            }

            p = r.Select((v, i) => v + (next / rr * p[i])).ToList();
            rr = next;
        }

        throw new InvalidOperationException(
            $"conjugate gradients on H_D did not reach a relative residual of {_solveTolerance:G3} in {_solveIterations} iterations (H_D is ill-conditioned)");
    }

    // J_D (with every penalty the game adds) and J_G on the fakes x of a chunk (-1: all) against the fixed real sample.
    private (Tensor CostD, Tensor CostG, Tensor RealOutput, Tensor FakeOutput) Costs(Tensor x, Tensor? labels, int chunk)
    {
        var (real, realLabels, mixing) = chunk < 0
            ? (_real, _realLabels, _mixing)
            : (_real.narrow(0, chunk * Batch.ChunkSize, Batch.ChunkSize), _realLabels.narrow(0, chunk * Batch.ChunkSize, Batch.ChunkSize),
                _mixing?.narrow(0, chunk * Batch.ChunkSize, Batch.ChunkSize));
        var (costD, realOutput, fakeOutput) = StabilizedDiscriminatorCost.Of(_costs, _stabilizers, Output, real, realLabels, mixing, x, labels);
        var costG = StabilizedGeneratorCost.Of(_costs, _stabilizers.PullAway, _network, x, fakeOutput, null);
        return (costD, costG, realOutput, fakeOutput);
    }

    private Tensor Output(Tensor x, Tensor? labels) => _network.call(ClassConditioning.Input(x, _classes == 0 ? null : labels, _classes));

    private void CheckFake(Tensor fake, Tensor? labels, int size)
    {
        if (fake.ndim != 2 || fake.shape[0] != size)
        {
            throw new ArgumentException($"diagnostic fakes have shape [{string.Join(",", fake.shape)}]; expected {size} samples", nameof(fake));
        }

        if (ClassConditioning.Problem(labels, fake.shape[0], _classes) is { } problem)
        {
            throw new ArgumentException($"diagnostic fakes {problem}", nameof(labels));
        }

        if (size % Math.Max(1, _pack) != 0)
        {
            throw new ArgumentException($"{size} diagnostic fakes cannot be cut into packs of {_pack}", nameof(fake));
        }
    }
}
