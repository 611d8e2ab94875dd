using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Native;
using OrleansGan.Core.Optimizers;
using OrleansGan.Core.Players;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Players;

/// <summary>The functional look-ahead steps exactly as the real optimizer would, from the real optimizer's state.</summary>
public class OptimizerLookaheadTests
{
    public OptimizerLookaheadTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<string> Optimizers() => ["adam", "adam-decay", "sgd", "sgd-momentum", "rmsprop", "rmsprop-momentum-decay"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Three_look_ahead_steps_equal_three_optimizer_steps_after_two_real_ones(string name)
    {
        var spec = name switch
        {
            "adam" => new OptimizerSpec(OptimizerKind.Adam, 0.01, 0.5, 0.999, 1e-8, 0, 0),
            "adam-decay" => new OptimizerSpec(OptimizerKind.Adam, 0.01, 0.9, 0.99, 1e-8, 0, 0.1),
            "sgd" => new OptimizerSpec(OptimizerKind.Sgd, 0.1, 0, 0, 0, 0, 0),
            "rmsprop" => new OptimizerSpec(OptimizerKind.Rmsprop, 0.01, 0, 0, 1e-8, 0, 0, 0.9),
            "rmsprop-momentum-decay" => new OptimizerSpec(OptimizerKind.Rmsprop, 0.01, 0, 0, 1e-6, 0.5, 0.1, 0.8),
            _ => new OptimizerSpec(OptimizerKind.Sgd, 0.1, 0, 0, 0, 0.9, 0.01),
        };
        using var scope = NewDisposeScope();
        using var stream = new Generator(3);
        var p = new TorchSharp.Modules.Parameter(randn([4, 3], dtype: ScalarType.Float64, generator: stream));
        var target = randn([4, 3], dtype: ScalarType.Float64, generator: stream);
        using var optimizer = OptimizerFactory.Create(spec, [p]);
        Tensor Cost(Tensor w) => (w - target).pow(4).sum();

        for (var step = 0; step < 2; step++)
        {
            optimizer.zero_grad();
            Cost(p).backward();
            optimizer.step();
        }

        var lookahead = new OptimizerLookahead(spec, optimizer);
        IReadOnlyList<Tensor> ahead = [p.detach().clone().requires_grad_(true)];
        for (var step = 0; step < 3; step++)
        {
            var g = autograd.grad([Cost(ahead[0])], [ahead[0]]);
            ahead = lookahead.Step(ahead, g.ToList()).Select(t => t.detach().requires_grad_(true)).ToList();
        }

        var before = p.detach().clone();
        for (var step = 0; step < 3; step++)
        {
            optimizer.zero_grad();
            Cost(p).backward();
            optimizer.step();
        }

        Assert.True(allclose(ahead[0], p.detach(), rtol: 1e-12, atol: 1e-14), "look-ahead and optimizer disagree");
        Assert.False(allclose(before, p.detach()), "the optimizer should have moved the parameter");
    }
}
