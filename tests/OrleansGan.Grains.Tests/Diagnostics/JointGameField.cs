using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Players;
using OrleansGan.Core.Stabilizers;
using static TorchSharp.torch;

namespace OrleansGan.Grains.Tests.Diagnostics;

/// <summary>
/// The oracle: the game's field as one writes it without grains, both networks in one autograd graph in float64,
/// built from the same building blocks as the reference trainer (networks, costs with their stabilizers) and the same
/// diagnostic batch. J u comes from differentiating v twice (the double-vjp trick for a forward-mode product), J^T u
/// from differentiating &lt;v, u&gt; once.
/// </summary>
internal sealed class JointGameField : IDisposable
{
    private readonly PlayerNetwork _g;
    private readonly PlayerNetwork _d;
    private readonly List<Tensor> _theta;
    private readonly List<Tensor> _psi;
    private readonly ClassLabelCosts _costs;
    private readonly StabilizerSpec _stabilizers;
    private readonly int _classes;
    private readonly Tensor _z;
    private readonly Tensor? _labels;
    private readonly Tensor _real;
    private readonly Tensor _realLabels;
    private readonly Tensor? _mixing;

    public JointGameField(GameSpec spec, byte[] generatorState, byte[] discriminatorState, DiagnosticBatch batch)
    {
        var data = RealData.For(spec.Data);
        _stabilizers = spec.Stabilizers;
        _costs = new ClassLabelCosts(GanLoss.For(spec.Loss, spec.Stabilizers.RealLabel, spec.Discriminator.Margin), spec.Stabilizers.ClassLabels, data.ClassCount);
        _classes = ClassConditioning.Classes(spec);
        using (var scratch = new Generator(0))
        {
            _g = ClassConditioning.Generator(spec.Generator, _classes);
            PlayerNetworks.Prepare(_g, spec.Generator, spec.BatchSize, scratch);
            _d = ClassConditioning.Discriminator(spec.Discriminator, _classes, _costs.Outputs);
            PlayerNetworks.Prepare(_d, spec.Discriminator, data, spec.BatchSize, scratch);
        }

        PlayerStateFormat.RestoreWeights(generatorState, PlayerRole.Generator, _g);
        PlayerStateFormat.RestoreWeights(discriminatorState, PlayerRole.Discriminator, _d);
        _g.to(ScalarType.Float64);
        _d.to(ScalarType.Float64);
        _theta = _g.parameters().Cast<Tensor>().ToList();
        _psi = _d.parameters().Cast<Tensor>().ToList();

        // The probes' draws, in their order.
        using var latent = new Generator(batch.LatentSeed);
        _z = randn([batch.Size, spec.Generator.LatentSize], generator: latent).to(ScalarType.Float64);
        _labels = _classes == 0 ? null : ClassConditioning.Balanced(batch.Size, _classes);
        using var realStream = new Generator(batch.RealSeed);
        var (real, labels) = data.SampleLabeled(batch.Size, realStream, CPU);
        _real = real.to(ScalarType.Float64);
        _realLabels = labels;
        _mixing = spec.Stabilizers.GradientPenalty > 0 ? GradientPenalty.DrawMixing(batch.Size, realStream, CPU).to(ScalarType.Float64) : null;
    }

    public long Size => _theta.Concat(_psi).Sum(p => p.numel());

    /// <summary>v = (grad_theta J_G, grad_psi J_D).</summary>
    public double[] Field()
    {
        using var scope = NewDisposeScope();
        return Flatten(FieldTensors(createGraph: false));
    }

    /// <summary>J u.</summary>
    public double[] Apply(double[] u)
    {
        using var scope = NewDisposeScope();
        var w = _theta.Concat(_psi).ToList();
        var v = FieldTensors(createGraph: true);
        var r = v.Select(t => zeros_like(t).requires_grad_(true)).ToList();
        var jacobianTransposeR = Gradients.Of(Gradients.Dot(v, r), w, retainGraph: true, createGraph: true);
        return Flatten(Gradients.Of(Gradients.Dot(jacobianTransposeR, Split(u)), r));
    }

    /// <summary>J^T u.</summary>
    public double[] ApplyTranspose(double[] u)
    {
        using var scope = NewDisposeScope();
        var v = FieldTensors(createGraph: true);
        return Flatten(Gradients.Of(Gradients.Dot(v, Split(u)), _theta.Concat(_psi).ToList()));
    }

    public void Dispose()
    {
        _g.Dispose();
        _d.Dispose();
    }

    private List<Tensor> FieldTensors(bool createGraph)
    {
        var x = _g.call(ClassConditioning.Input(_z, _labels, _classes));
        Tensor Output(Tensor input, Tensor? labels) => _d.call(ClassConditioning.Input(input, _classes == 0 ? null : labels, _classes));
        var (costD, _, fakeOutput) = StabilizedDiscriminatorCost.Of(_costs, _stabilizers, Output, _real, _realLabels, _mixing, x, _labels);
        var costG = StabilizedGeneratorCost.Of(_costs, _stabilizers.PullAway, _d, x, fakeOutput, null);
        var vG = Gradients.Of(costG, _theta, retainGraph: true, createGraph: createGraph);
        var vD = Gradients.Of(costD, _psi, retainGraph: createGraph, createGraph: createGraph);
        return [.. vG, .. vD];
    }

    private List<Tensor> Split(double[] u)
    {
        var parts = new List<Tensor>();
        var offset = 0L;
        foreach (var p in _theta.Concat(_psi))
        {
            parts.Add(tensor(u.AsSpan((int)offset, (int)p.numel()).ToArray(), p.shape, ScalarType.Float64));
            offset += p.numel();
        }

        return parts;
    }

    private static double[] Flatten(IEnumerable<Tensor> tensors) => tensors.SelectMany(t => t.detach().flatten().data<double>().ToArray()).ToArray();
}
