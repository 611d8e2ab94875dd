using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace OrleansGan.Core.Losses;

/// <summary>
/// The games whose discriminator minimises the standard cross-entropy
/// J_D = -1/2 E_x log D(x) - 1/2 E_z log(1 - D(G(z))), written with -log sigma(l) = softplus(-l)
/// and -log(1 - sigma(l)) = softplus(l). With one-sided label smoothing the real samples' target is
/// <see cref="RealLabel"/> = s: J_D = -1/2 E_x [s log D(x) + (1 - s) log(1 - D(x))] - 1/2 E_z log(1 - D(G(z))).
/// </summary>
public abstract class CrossEntropyGame : GanLoss
{
    /// <summary>The target of real samples (1: no smoothing); the fakes' target stays 0, as the tutorial insists.</summary>
    public double RealLabel { get; init; } = 1;

    /// <inheritdoc />
    public sealed override Tensor Discriminator(Tensor realLogits, Tensor fakeLogits)
    {
        var real = RealLabel == 1
            ? softplus(-realLogits).mean()
            : ((RealLabel * softplus(-realLogits)) + ((1 - RealLabel) * softplus(realLogits))).mean();
        return (0.5 * real) + (0.5 * softplus(fakeLogits).mean());
    }
}
