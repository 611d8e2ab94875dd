using OrleansGan.Core.Players;
using static TorchSharp.torch;

namespace OrleansGan.Core.Stabilizers;

/// <summary>
/// The R1 regularizer without its weight (Mescheder et al. 2018, eq. 9, R1 = gamma/2 E_real |grad_x D(x)|^2):
/// E over the real minibatch of |grad_x D(x)|^2, D the raw output. It penalizes the discriminator's slope on the data
/// only, which makes the Dirac-GAN's equilibrium locally convergent.
/// </summary>
public static class R1Penalty
{
    /// <summary>
    /// E |grad_x D(x)|^2 for the outputs <paramref name="realOutputs"/> D(x) of <paramref name="realInputs"/> x (which
    /// must require grad), differentiable with respect to the critic's parameters.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="realInputs"/> does not require grad (autograd would abort the process).</exception>
    public static Tensor Of(Tensor realInputs, Tensor realOutputs)
    {
        if (!realInputs.requires_grad)
        {
            throw new ArgumentException("R1 needs the real minibatch to require grad before D is applied to it", nameof(realInputs));
        }

        var slope = Gradients.Of(realOutputs.sum(), [realInputs], createGraph: true)[0];
        return slope.flatten(1).pow(2).sum(1).mean();
    }
}
