using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Core.Losses;

/// <summary>
/// Least-squares GAN (Mao et al. 2017) with targets a = 0 (fake), b = 1 (real), c = 1 (what G wants):
/// J_D = 1/2 E (D(x) - 1)^2 + 1/2 E D(G(z))^2, J_G = 1/2 E (D(G(z)) - 1)^2, D the raw output.
/// </summary>
public sealed class LeastSquaresLoss : GanLoss
{
    /// <inheritdoc />
    public override LossKind Kind => LossKind.LeastSquares;

    /// <inheritdoc />
    public override Tensor Discriminator(Tensor realLogits, Tensor fakeLogits) =>
        (0.5 * (realLogits - 1).pow(2).mean()) + (0.5 * fakeLogits.pow(2).mean());

    /// <inheritdoc />
    public override Tensor Generator(Tensor fakeLogits) => 0.5 * (fakeLogits - 1).pow(2).mean();
}
