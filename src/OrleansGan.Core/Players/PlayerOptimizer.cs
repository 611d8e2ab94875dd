using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Optimizers;
using OrleansGan.Core.Stabilizers;
using static TorchSharp.torch;

namespace OrleansGan.Core.Players;

/// <summary>
/// A player's optimizer together with the state its update rules keep between moves: the previous gradient of
/// optimistic steps and the anchor of extragradient steps. Gradients are read from and written to <c>.grad</c>.
/// With a weight clip (WGAN's critic), every step, whatever its rule, ends with the parameters clamped to [-c, c].
/// </summary>
public sealed class PlayerOptimizer : IDisposable
{
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _parameters;
    private List<Tensor>? _previousGradient;
    private List<Tensor>? _anchor;

    /// <summary>Creates the optimizer over <paramref name="network"/>'s parameters; <paramref name="weightClip"/> c clamps them to [-c, c] after every step.</summary>
    public PlayerOptimizer(OptimizerSpec spec, nn.Module network, double? weightClip = null)
    {
        Spec = spec;
        WeightClip = weightClip;
        _parameters = network.parameters().ToList();
        Optimizer = OptimizerFactory.Create(spec, _parameters);
    }

    /// <summary>The optimizer's spec.</summary>
    public OptimizerSpec Spec { get; }

    /// <summary>The bound every parameter is clamped to after each step, or null.</summary>
    public double? WeightClip { get; }

    /// <summary>The torch optimizer.</summary>
    public optim.Optimizer Optimizer { get; }

    // Saving and loading state live on TorchSharp's managed optimizers, which Adam, SGD and RMSprop all are.
    private TorchSharp.Modules.OptimizerHelper Helper => Optimizer as TorchSharp.Modules.OptimizerHelper
        ?? throw new NotSupportedException($"cannot save the state of optimizer {Optimizer.GetType().Name}");

    /// <summary>The parameters, in registration order.</summary>
    public IReadOnlyList<TorchSharp.Modules.Parameter> Parameters => _parameters;

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad() => Optimizer.zero_grad();

    /// <summary>Replaces every parameter's gradient with <paramref name="gradients"/> (copied).</summary>
    public void SetGradients(IReadOnlyList<Tensor> gradients)
    {
        for (var i = 0; i < _parameters.Count; i++)
        {
            _parameters[i].grad = gradients[i].detach().clone();
        }
    }

    /// <summary>sqrt of the sum of squared gradients.</summary>
    public double GradientNorm() => PlayerParameters.GradientNorm(_parameters);

    /// <summary>Saves the current parameters as the anchor of a later <see cref="UpdateRule.FromAnchor"/> step.</summary>
    public void SaveAnchor()
    {
        DisposeAll(_anchor);
        _anchor = _parameters.Select(p => p.detach().clone()).ToList();
    }

    /// <summary>Throws, before anything is computed, when a step by <paramref name="rule"/> cannot be taken.</summary>
    public void CheckCanStep(UpdateRule rule)
    {
        if (rule == UpdateRule.FromAnchor && _anchor is null)
        {
            throw new InvalidOperationException("a step from the anchor needs a saved anchor (SaveAnchor first)");
        }
    }

    /// <summary>Takes one step from the gradients in <c>.grad</c> by <paramref name="rule"/>.</summary>
    public void Step(UpdateRule rule)
    {
        using var scope = NewDisposeScope();
        switch (rule)
        {
            case UpdateRule.Plain:
                break;
            case UpdateRule.Optimistic:
                var current = _parameters.Select(p => p.grad!.detach().clone().DetachFromDisposeScope()).ToList();
                var previous = _previousGradient ?? current;
                using (no_grad())
                {
                    for (var i = 0; i < _parameters.Count; i++)
                    {
                        _parameters[i].grad!.copy_((2 * current[i]) - previous[i]);
                    }
                }

                if (!ReferenceEquals(previous, current))
                {
                    DisposeAll(previous);
                }

                _previousGradient = current;
                break;
            case UpdateRule.FromAnchor:
                var anchor = _anchor ?? throw new InvalidOperationException("a step from the anchor needs a saved anchor (SaveAnchor first)");
                using (no_grad())
                {
                    for (var i = 0; i < _parameters.Count; i++)
                    {
                        _parameters[i].copy_(anchor[i]);
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown update rule");
        }

        Optimizer.step();
        if (WeightClip is { } bound)
        {
            WeightClipping.ClampInPlace(_parameters, bound);
        }
    }

    /// <summary>Writes the optimizer's state and the update rules' state.</summary>
    public void Save(BinaryWriter writer)
    {
        Helper.save_state_dict(writer);
        PlayerStateFormat.WriteTensors(writer, _previousGradient);
        PlayerStateFormat.WriteTensors(writer, _anchor);
    }

    /// <summary>Reads what <see cref="Save"/> wrote.</summary>
    public void Load(BinaryReader reader)
    {
        Helper.load_state_dict(reader);
        var device = _parameters[0].device;
        var dtype = _parameters[0].dtype;
        var previous = PlayerStateFormat.ReadTensors(reader, device, dtype);
        var anchor = PlayerStateFormat.ReadTensors(reader, device, dtype);
        DisposeAll(_previousGradient);
        DisposeAll(_anchor);
        _previousGradient = previous;
        _anchor = anchor;
    }

    /// <summary>A functional copy of the optimizer from its current state, for unrolling.</summary>
    public OptimizerLookahead Lookahead() => new(Spec, Optimizer, WeightClip);

    /// <inheritdoc />
    public void Dispose()
    {
        DisposeAll(_previousGradient);
        DisposeAll(_anchor);
        Optimizer.Dispose();
    }

    private static void DisposeAll(List<Tensor>? tensors)
    {
        foreach (var t in tensors ?? [])
        {
            t.Dispose();
        }
    }
}
