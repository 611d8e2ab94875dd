using OrleansGan.Core.Players;
using static TorchSharp.torch;

namespace OrleansGan.Core.Stabilizers;

/// <summary>
/// WGAN-GP's penalty (Gulrajani et al. 2017, eq. 3 and Algorithm 1): E[(|grad_xhat D(xhat)|_2 - 1)^2] at
/// xhat = eps x + (1 - eps) x~, eps ~ U[0, 1] per sample, x real and x~ fake, D the raw output. It softly holds the
/// critic's gradient norm at 1 along the lines between the two distributions, where the optimal critic has norm 1.
/// </summary>
public static class GradientPenalty
{
    // sqrt has an infinite slope at 0: a sample where D is flat (every ReLU dead) would make the gradient NaN. Far
    // below any norm that matters (the norm moves by at most 5e-13 at norm 1), and its second derivative stays finite
    // in float32, which consensus needs.
    private const double SqrtFloor = 1e-12;

    /// <summary>Draws eps ~ U[0, 1], one per sample, as [<paramref name="count"/>, 1], with <paramref name="stream"/> (a CPU stream).</summary>
    public static Tensor DrawMixing(int count, Generator stream, Device device) => rand([count, 1], generator: stream).to(device);

    /// <summary>xhat = eps x + (1 - eps) x~ (eps broadcast over each sample's values).</summary>
    public static Tensor Interpolate(Tensor real, Tensor fake, Tensor mixing) => (mixing * real) + ((1 - mixing) * fake);

    /// <summary>
    /// E[(|grad_xhat D(xhat)|_2 - 1)^2], differentiable with respect to the critic's parameters and, where
    /// <paramref name="fake"/> is a function of them, the generator's.
    /// </summary>
    /// <param name="critic">D as a function of its input: the raw output, one value per sample.</param>
    /// <param name="real">The real minibatch [batch, ...].</param>
    /// <param name="fake">The fake minibatch, the real one's shape.</param>
    /// <param name="mixing">eps, [batch, 1] for flat samples.</param>
    public static Tensor Of(Func<Tensor, Tensor> critic, Tensor real, Tensor fake, Tensor mixing)
    {
        var interpolate = Interpolate(real, fake, mixing);

        // Between two constant minibatches xhat is a leaf; it must require grad for D's input gradient to exist.
        var point = interpolate.requires_grad ? interpolate : interpolate.requires_grad_(true);
        var slope = Gradients.Of(critic(point).sum(), [point], createGraph: true)[0];
        var norm = (slope.flatten(1).pow(2).sum(1) + SqrtFloor).sqrt();
        return (norm - 1).pow(2).mean();
    }
}
