using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Core.Stabilizers;

/// <summary>
/// Instance noise (Sønderby et al. 2016, section 3.1; Arjovsky and Bottou 2017, section 3.1): x + sigma(round) eps,
/// eps ~ N(0, I), on each minibatch the discriminator sees. The discriminator and the reference trainer both go through
/// here, so the draws come from the discriminator's stream in one shape and order.
/// </summary>
public static class InstanceNoise
{
    /// <summary>
    /// sigma(r) = sigma0 max(0, 1 - r / T) with T = <see cref="InstanceNoiseSpec.AnnealRounds"/>; sigma0 for every round
    /// when T = 0; 0 when there is no instance noise.
    /// </summary>
    public static double Std(InstanceNoiseSpec? spec, int round)
    {
        if (spec is null || spec.Sigma0 == 0)
        {
            return 0;
        }

        return spec.AnnealRounds == 0 ? spec.Sigma0 : spec.Sigma0 * Math.Max(0, 1 - ((double)round / spec.AnnealRounds));
    }

    /// <summary>
    /// <paramref name="x"/> plus N(0, std^2) noise drawn from <paramref name="stream"/>; <paramref name="x"/> itself, with
    /// nothing drawn, when std is 0, so a game without noise (or past its annealing) keeps its random stream unchanged.
    /// The noise is a constant of the graph: derivatives with respect to x are those at the noisy point.
    /// </summary>
    public static Tensor Add(Tensor x, double std, Generator stream)
    {
        if (std == 0)
        {
            return x;
        }

        var eps = randn(x.shape, generator: stream).to(x.dtype).to(x.device);
        return x + (std * eps);
    }
}
