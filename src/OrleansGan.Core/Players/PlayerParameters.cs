using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Tensors;
using static TorchSharp.torch;

namespace OrleansGan.Core.Players;

/// <summary>What both players do with their parameters and gradients.</summary>
public static class PlayerParameters
{
    /// <summary>sqrt of the sum of squared gradients over <paramref name="module"/>'s parameters (0 where none).</summary>
    public static double GradientNorm(nn.Module module) => GradientNorm(module.parameters());

    /// <summary>sqrt of the sum of squared gradients over <paramref name="parameters"/> (0 where none).</summary>
    public static double GradientNorm(IEnumerable<TorchSharp.Modules.Parameter> parameters)
    {
        using var scope = NewDisposeScope();
        var total = 0.0;
        foreach (var parameter in parameters)
        {
            if (parameter.grad is { } grad)
            {
                total += grad.pow(2).sum().ToDouble();
            }
        }

        return Math.Sqrt(total);
    }

    /// <summary>sqrt of the sum of squares of <paramref name="tensors"/>.</summary>
    public static double Norm(IEnumerable<Tensor> tensors)
    {
        using var scope = NewDisposeScope();
        return Math.Sqrt(tensors.Sum(t => t.detach().pow(2).sum().ToDouble()));
    }

    /// <summary>The module's parameters as a message, in registration order.</summary>
    public static ParameterSnapshot Snapshot(nn.Module module)
    {
        var named = module.named_parameters().ToList();
        return new ParameterSnapshot(
            named.Select(p => p.name).ToList(),
            named.Select(p => TensorCodec.ToMessage(p.parameter.dtype == ScalarType.Float32 ? p.parameter : p.parameter.to(ScalarType.Float32))).ToList());
    }

    /// <summary>Adds N(0, <paramref name="std"/>^2) noise drawn from <paramref name="seed"/> (on the host) to every parameter; nothing for std 0.</summary>
    public static void Perturb(nn.Module module, double std, ulong seed)
    {
        if (!(std >= 0 && double.IsFinite(std)))
        {
            throw new ArgumentOutOfRangeException(nameof(std), std, "a perturbation is a finite standard deviation >= 0");
        }

        if (std == 0)
        {
            return;
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var stream = new Generator(seed);
        foreach (var parameter in module.parameters())
        {
            parameter.add_((randn(parameter.shape, generator: stream) * std).to(parameter.dtype).to(parameter.device));
        }
    }

    /// <summary>The tensor type of a message precision.</summary>
    public static ScalarType DTypeOf(TensorPrecision precision) => precision == TensorPrecision.Float64 ? ScalarType.Float64 : ScalarType.Float32;

    /// <summary>True when every parameter is finite.</summary>
    public static bool AllFinite(nn.Module module)
    {
        using var scope = NewDisposeScope();
        return module.parameters().All(p => isfinite(p).all().ToBoolean());
    }
}
