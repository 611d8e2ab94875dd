using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Stabilizers;
using static TorchSharp.torch;

namespace OrleansGan.Core.Players;

/// <summary>
/// The player's optimizer as a pure function of parameters and gradients, starting from the optimizer's current
/// state (Adam's moments and step count, SGD's momentum buffer, RMSprop's running average of squared gradients and
/// momentum buffer) and carrying its own copy of that state forward. Steps are differentiable, so a look-ahead can be
/// back-propagated through (Unrolled GAN); the real optimizer is untouched. With a weight clip the step ends with the
/// clamp the player's real step ends with (WGAN), since Metz et al. unroll the update the player actually makes.
/// </summary>
public sealed class OptimizerLookahead
{
    // sqrt has an infinite slope at 0: a parameter with an exactly zero gradient (a dead ReLU unit) would make the
    // second-order pass NaN. Far below Adam's epsilon, so the step itself does not change.
    private const double SqrtFloor = 1e-30;
    private readonly OptimizerSpec _spec;
    private readonly List<Tensor?> _first = [];
    private readonly List<Tensor?> _second = [];
    private readonly List<long> _steps = [];
    private readonly double? _weightClip;

    /// <summary>Copies the state of <paramref name="optimizer"/>; with <paramref name="weightClip"/> c, every step ends by clamping to [-c, c].</summary>
    public OptimizerLookahead(OptimizerSpec spec, optim.Optimizer optimizer, double? weightClip = null)
    {
        _spec = spec;
        _weightClip = weightClip;
        var helper = optimizer as TorchSharp.Modules.OptimizerHelper
            ?? throw new NotSupportedException($"cannot read the state of optimizer {optimizer.GetType().Name}");
        foreach (var state in helper.state_dict().State)
        {
            switch (state)
            {
                case TorchSharp.Modules.Adam.State adam:
                    _first.Add(adam.exp_avg.detach().clone());
                    _second.Add(adam.exp_avg_sq.detach().clone());
                    _steps.Add(adam.step);
                    break;
                case TorchSharp.Modules.SGD.State sgd:
                    _first.Add(sgd.momentum_buffer?.detach().clone());
                    _second.Add(null);
                    _steps.Add(0);
                    break;
                case TorchSharp.Modules.RMSProp.State rmsprop:
                    _first.Add(rmsprop.momentum_buffer?.detach().clone());
                    _second.Add(rmsprop.square_avg.detach().clone());
                    _steps.Add(rmsprop.step);
                    break;
                default:
                    throw new NotSupportedException($"cannot look ahead with optimizer state {state.GetType().Name}");
            }
        }
    }

    /// <summary>One step: returns the new parameters, a function of <paramref name="parameters"/> and <paramref name="gradients"/>.</summary>
    public IReadOnlyList<Tensor> Step(IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> gradients)
    {
        var next = new List<Tensor>(parameters.Count);
        for (var i = 0; i < parameters.Count; i++)
        {
            var g = _spec.WeightDecay != 0 ? gradients[i] + (_spec.WeightDecay * parameters[i]) : gradients[i];
            var stepped = _spec.Kind switch
            {
                OptimizerKind.Adam => AdamStep(i, parameters[i], g),
                OptimizerKind.Sgd => SgdStep(i, parameters[i], g),
                OptimizerKind.Rmsprop => RmspropStep(i, parameters[i], g),
                _ => throw new NotSupportedException($"cannot look ahead with optimizer {_spec.Kind}"),
            };
            next.Add(_weightClip is { } c ? WeightClipping.Clamp(stepped, c) : stepped);
        }

        return next;
    }

    private Tensor AdamStep(int i, Tensor parameter, Tensor g)
    {
        var step = ++_steps[i];
        var correction1 = 1 - Math.Pow(_spec.Beta1, step);
        var correction2 = 1 - Math.Pow(_spec.Beta2, step);
        var m = (_spec.Beta1 * _first[i]!) + ((1 - _spec.Beta1) * g);
        var v = (_spec.Beta2 * _second[i]!) + ((1 - _spec.Beta2) * g * g);
        _first[i] = m;
        _second[i] = v;
        var denominator = ((v + SqrtFloor).sqrt() / Math.Sqrt(correction2)) + _spec.Epsilon;
        return parameter - (_spec.LearningRate / correction1 * m / denominator);
    }

    // torch.optim.RMSprop, uncentered: v = alpha v + (1 - alpha) g^2, then p - lr g / (sqrt(v) + eps), or with momentum
    // b = mu b + g / (sqrt(v) + eps) and p - lr b.
    private Tensor RmspropStep(int i, Tensor parameter, Tensor g)
    {
        _steps[i]++;
        var v = (_spec.Alpha * _second[i]!) + ((1 - _spec.Alpha) * g * g);
        _second[i] = v;
        var scaled = g / ((v + SqrtFloor).sqrt() + _spec.Epsilon);
        if (_spec.Momentum > 0)
        {
            scaled = _first[i] is { } buffer ? (_spec.Momentum * buffer) + scaled : scaled;
            _first[i] = scaled;
        }

        return parameter - (_spec.LearningRate * scaled);
    }

    private Tensor SgdStep(int i, Tensor parameter, Tensor g)
    {
        if (_spec.Momentum != 0)
        {
            g = _first[i] is { } buffer ? (_spec.Momentum * buffer) + g : g;
            _first[i] = g;
        }

        return parameter - (_spec.LearningRate * g);
    }
}
