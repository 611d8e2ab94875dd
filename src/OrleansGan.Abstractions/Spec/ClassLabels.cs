namespace OrleansGan.Abstractions.Spec;

/// <summary>
/// How the players use the class of every sample (the tutorial's section 4.4, "Use labels"). Every sample of the real
/// data has a class: its mode for the mixtures, its digit for MNIST.
/// </summary>
public enum ClassLabels
{
    /// <summary>The players ignore the classes.</summary>
    None,

    /// <summary>
    /// Class-conditional GAN (Mirza and Osindero 2014, eq. 2): the generator draws y uniformly from its own stream and
    /// plays G(z, y); the discriminator judges D(x, y) against real samples with their own classes. Both condition by
    /// reading a one-hot y next to their usual input (z or x), so their networks only gain input width.
    /// </summary>
    Conditional,

    /// <summary>
    /// The (n+1)-class discriminator (Salimans et al. 2016, section 5): D outputs n+1 logits, the n real classes and
    /// "fake". Its real/fake logit is l(x) = logsumexp(l_1..l_n) - l_(n+1), so D(x) = Z(x) / (Z(x) + exp(l_(n+1))),
    /// the paper's Z(x) / (Z(x) + 1) with l_(n+1) fixed at 0. J_D = 1/2 E_x CE_n(l_1..l_n, y) + J_D^loss(l), J_G = J_G^loss(l):
    /// for the cross-entropy losses J_D is exactly the (n+1)-class cross-entropy with class n+1 for the fakes.
    /// The generator is unconditional.
    /// </summary>
    AuxiliaryClasses,
}
