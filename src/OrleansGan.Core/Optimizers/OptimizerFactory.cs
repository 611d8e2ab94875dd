using OrleansGan.Abstractions.Spec;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OrleansGan.Core.Optimizers;

/// <summary>Builds a player's optimizer from its spec.</summary>
public static class OptimizerFactory
{
    /// <summary>An optimizer over <paramref name="parameters"/> as <paramref name="spec"/> describes.</summary>
    public static optim.Optimizer Create(OptimizerSpec spec, IEnumerable<Parameter> parameters) => spec.Kind switch
    {
        OptimizerKind.Adam => optim.Adam(parameters, spec.LearningRate, spec.Beta1, spec.Beta2, spec.Epsilon, spec.WeightDecay),
        OptimizerKind.Sgd => optim.SGD(parameters, spec.LearningRate, spec.Momentum, weight_decay: spec.WeightDecay),
        OptimizerKind.Rmsprop => optim.RMSProp(parameters, lr: spec.LearningRate, alpha: spec.Alpha, eps: spec.Epsilon,
            weight_decay: spec.WeightDecay, momentum: spec.Momentum),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "unknown optimizer"),
    };
}
