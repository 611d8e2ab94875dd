using static TorchSharp.torch;

namespace OrleansGan.Core.Stabilizers;

/// <summary>
/// WGAN's weight clipping (Arjovsky et al. 2017, Algorithm 1, line 8: w &lt;- clip(w, -c, c)): after each critic
/// update every parameter is clamped to [-c, c], so the critic ranges over a compact set of functions, all
/// K-Lipschitz for one K that depends on c and the architecture.
/// </summary>
public static class WeightClipping
{
    /// <summary>Clamps every parameter to [-<paramref name="bound"/>, <paramref name="bound"/>] in place.</summary>
    public static void ClampInPlace(IEnumerable<TorchSharp.Modules.Parameter> parameters, double bound)
    {
        using var noGrad = no_grad();
        foreach (var parameter in parameters)
        {
            parameter.clamp_(-bound, bound);
        }
    }

    /// <summary>
    /// A clamped copy of <paramref name="parameter"/>, differentiable (slope 1 inside the bound, 0 where it clips), for
    /// steps that are functions of parameters, such as an unrolled look-ahead.
    /// </summary>
    public static Tensor Clamp(Tensor parameter, double bound) => parameter.clamp(-bound, bound);
}
