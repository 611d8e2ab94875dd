using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace OrleansGan.Core.Losses;

/// <summary>
/// The games whose discriminator minimises the standard cross-entropy
/// J_D = -1/2 E_x log D(x) - 1/2 E_z log(1 - D(G(z))), written with -log sigma(l) = softplus(-l)
/// and -log(1 - sigma(l)) = softplus(l).
/// </summary>
public abstract class CrossEntropyGame : GanLoss
{
    /// <inheritdoc />
    public sealed override Tensor Discriminator(Tensor realLogits, Tensor fakeLogits) =>
        (0.5 * softplus(-realLogits).mean()) + (0.5 * softplus(fakeLogits).mean());
}
