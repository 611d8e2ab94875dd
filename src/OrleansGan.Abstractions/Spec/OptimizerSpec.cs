namespace OrleansGan.Abstractions.Spec;

/// <summary>How a player turns gradients into parameter updates; each optimizer reads only the fields it needs.</summary>
/// <param name="Alpha">RMSprop's smoothing constant: the decay of its running average of squared gradients.</param>
[GenerateSerializer, Immutable]
public sealed record OptimizerSpec(
    [property: Id(0)] OptimizerKind Kind,
    [property: Id(1)] double LearningRate,
    [property: Id(2)] double Beta1,
    [property: Id(3)] double Beta2,
    [property: Id(4)] double Epsilon,
    [property: Id(5)] double Momentum,
    [property: Id(6)] double WeightDecay,
    [property: Id(7)] double Alpha = 0.99);
