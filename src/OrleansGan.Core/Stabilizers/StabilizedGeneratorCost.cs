using OrleansGan.Core.Losses;
using OrleansGan.Core.Networks;
using static TorchSharp.torch;

namespace OrleansGan.Core.Stabilizers;

/// <summary>
/// J_G with the stabilizer that adds to it: the loss's cost on D's outputs for the fakes, plus the pulling-away term
/// of the fakes' codes in EBGAN's encoder (Zhao et al. 2016, eq. 6). Written once, so that the discriminator player and
/// the reference trainer differentiate the same cost.
/// </summary>
public static class StabilizedGeneratorCost
{
    /// <summary>J_G for <paramref name="seen"/>, the fakes as D saw them, with D's outputs <paramref name="fakeOutput"/>.</summary>
    /// <param name="costs">The loss, with the class-label mode.</param>
    /// <param name="pullAway">The pulling-away term's weight (0: none).</param>
    /// <param name="discriminator">D's network; an autoencoder when <paramref name="pullAway"/> is positive.</param>
    /// <param name="seen">The fakes as D saw them (after instance noise).</param>
    /// <param name="fakeOutput">D's raw outputs on them.</param>
    /// <param name="psi">D's parameters when they are not the network's own (an unrolled look-ahead), else null.</param>
    public static Tensor Of(ClassLabelCosts costs, double pullAway, PlayerNetwork discriminator, Tensor seen, Tensor fakeOutput, IReadOnlyList<Tensor>? psi)
    {
        var cost = costs.Generator(fakeOutput);
        if (pullAway == 0)
        {
            return cost;
        }

        var autoencoder = discriminator as AutoencoderDiscriminator
            ?? throw new InvalidOperationException("the pulling-away term needs the autoencoder discriminator's codes");
        var codes = psi is null ? autoencoder.Code(seen) : autoencoder.Code(seen, psi);
        return cost + (pullAway * PullingAwayTerm.Of(codes));
    }
}
